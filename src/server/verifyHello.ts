import { createPublicKey, verify } from 'node:crypto'
import { helloBytes, type ClientMessage } from '../p2p/index.ts'

/**
 * Checks a client's `hello` against the nonce its connection was sent: the key is a canonical
 * base64url Ed25519 key and the signature over the nonce verifies with it. Returns the peer id
 * (the key) or null. Uses Node's native Ed25519, so a flood of hellos stays cheap.
 *
 * @example const peerId = verifyHello(msg, conn.nonce); if (!peerId) refuse(conn, 'BAD_HELLO', '…')
 */
export function verifyHello(msg: Extract<ClientMessage, { type: 'hello' }>, nonce: string): string | null {
  const key = Buffer.from(msg.key, 'base64url')
  const sig = Buffer.from(msg.sig, 'base64url')
  // base64url has spare bits in its last character: only the canonical spelling is the id.
  if (key.length !== 32 || sig.length !== 64 || key.toString('base64url') !== msg.key) return null
  try {
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: msg.key }, format: 'jwk' })
    return verify(null, helloBytes(nonce), publicKey, sig) ? msg.key : null
  } catch {
    return null // not a point on the curve: the hello is refused like a bad signature
  }
}
