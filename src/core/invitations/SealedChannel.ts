import nacl from 'tweetnacl'
import { fromBase64Url, fromHex, fromUtf8, toBase64Url, utf8 } from '../shared/index.ts'

/** Length of a channel salt, in bytes. */
export const SALT_BYTES = 16

/** Which end of an invitation channel this is (nonces differ per direction). */
export type ChannelRole = 'host' | 'guest'

/** An encrypted message as it travels through the signaling relay. */
export interface SealedMessage {
  t: 'inv'
  c: number
  b: string
}

/**
 * The invitation channel: an X25519 key agreement between the guest's fresh key and the
 * invitation key from the code, hashed with the host's per-channel salt, then secretbox messages
 * with per-direction counters. The relay (signaling server) sees only ciphertext, cannot forge or
 * replay, and cannot pose as the host without the invitation's secret key. The salt makes every
 * channel's key new even when a guest key is seen twice, so a counter nonce is never reused
 * under one key.
 *
 * @example
 * const ch = new SealedChannel('guest', hostPublicKeyHex, guestKeys.secretKey, salt)
 * signaling.send(topic, host, ch.seal({ t: 'auth', code }))
 */
export class SealedChannel {
  readonly #key: Uint8Array
  readonly #role: ChannelRole
  #sent = 0
  #received = 0

  constructor(role: ChannelRole, theirPublicKey: Uint8Array | string, mySecretKey: Uint8Array, salt: Uint8Array) {
    const pub = typeof theirPublicKey === 'string' ? fromHex(theirPublicKey) : theirPublicKey
    if (!pub || pub.length !== 32) throw new Error('bad public key')
    if (salt.length !== SALT_BYTES) throw new Error('bad salt')
    this.#role = role
    const shared = nacl.box.before(pub, mySecretKey)
    const material = new Uint8Array(32 + SALT_BYTES)
    material.set(shared)
    material.set(salt, 32)
    this.#key = nacl.hash(material).subarray(0, 32)
    shared.fill(0)
    material.fill(0)
  }

  /** Encrypts a JSON message for the other end. */
  seal(message: unknown): SealedMessage {
    const counter = this.#sent++
    const box = nacl.secretbox(utf8(JSON.stringify(message)), nonce(this.#role, counter), this.#key)
    return { t: 'inv', c: counter, b: toBase64Url(box) }
  }

  /** Decrypts a message from the other end; null when forged, replayed, reordered or garbled. */
  open(data: unknown): Record<string, unknown> | null {
    const m = data as SealedMessage
    if (!m || typeof m !== 'object' || m.t !== 'inv' || m.c !== this.#received || typeof m.b !== 'string' || m.b.length > 65_536) return null
    const box = fromBase64Url(m.b)
    if (!box) return null
    const plain = nacl.secretbox.open(box, nonce(this.#role === 'host' ? 'guest' : 'host', m.c), this.#key)
    if (!plain) return null
    this.#received++
    try {
      const value = JSON.parse(fromUtf8(plain))
      return value && typeof value === 'object' && !Array.isArray(value) ? value : null
    } catch {
      return null // authentic but not JSON: dropped like a forged frame
    }
  }
}

function nonce(sender: ChannelRole, counter: number): Uint8Array {
  const n = new Uint8Array(24)
  n[0] = sender === 'host' ? 1 : 2
  new DataView(n.buffer).setFloat64(8, counter)
  return n
}

/**
 * A 6-digit authorization code from the CSPRNG, uniform (rejection sampling, no modulo bias).
 *
 * @example generateAuthCode() // '042917'
 */
export function generateAuthCode(): string {
  const LIMIT = 4_294_000_000 // largest multiple of 10^6 below 2^32
  for (;;) {
    const b = nacl.randomBytes(4)
    const n = ((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!
    if (n < LIMIT) return String(n % 1_000_000).padStart(6, '0')
  }
}

/**
 * Constant-time comparison of two short codes (no early exit on the first differing digit).
 *
 * @example codesEqual('123456', input)
 */
export function codesEqual(a: string, b: string): boolean {
  const pa = new Uint8Array(16)
  const pb = new Uint8Array(16)
  const ea = utf8(String(a).slice(0, 16))
  const eb = utf8(String(b).slice(0, 16))
  pa.set(ea)
  pb.set(eb)
  // Length is folded into the compared bytes so different lengths never match.
  pa[15] = ea.length
  pb[15] = eb.length
  return nacl.verify(pa, pb)
}
