import nacl from 'tweetnacl'
import { parseCredential, verifySignature, type Credential } from '../core/identity/index.ts'
import { fromHex, fromUtf8, toHex, utf8 } from '../core/shared/index.ts'
import type { VerifiedPeer } from '../core/network/index.ts'

/** This side's identity for sessions. */
export interface SessionIdentity {
  peerId: string
  identityKey: string
  deviceKey: string
  deviceSecretKey: Uint8Array
  deviceCredential: Credential
  meta?: Record<string, unknown>
}

/** Result of feeding one handshake frame. */
export type HandshakeStep =
  | { kind: 'send'; frame: Uint8Array }
  | { kind: 'done'; peer: VerifiedPeer; frame?: Uint8Array }
  | { kind: 'wait' }
  | { kind: 'fail'; reason: string }

const VERSION = 1
const MAX_HANDSHAKE_BYTES = 16_384
const HEX64 = /^[0-9a-f]{64}$/
const PEER_ID = /^[\w.:-]{1,128}$/

/**
 * A mutually authenticated, end-to-end encrypted session between two devices, run over any
 * ordered reliable channel (a WebRTC data channel here):
 *
 * 1. both send `hello`: a fresh X25519 key and a random nonce;
 * 2. both derive directional keys from the X25519 shared secret, then send `auth` encrypted:
 *    peer id, device key, the device credential (identity -> device), and an Ed25519 signature
 *    by the device key over both ephemeral keys, both nonces and the peer id (so a relay can
 *    neither replay an old handshake nor splice two sessions, and the peer id is bound to the
 *    device key);
 * 3. every later frame is `counter || secretbox`, and a receiver accepts only the next counter
 *    (replayed, reordered or forged frames are dropped).
 *
 * @example
 * const s = new PeerSession(me, { isRevoked: (key) => revoked.has(key) })
 * channel.send(s.start())
 * channel.onmessage = (bytes) => { const step = s.receive(bytes); ... }
 */
export class PeerSession {
  readonly #me: SessionIdentity
  readonly #isRevoked: (deviceKey: string) => boolean
  readonly #eph = nacl.box.keyPair()
  readonly #nonce = nacl.randomBytes(16)
  #theirEph: Uint8Array | undefined
  #theirNonce: Uint8Array | undefined
  #sendKey: Uint8Array | undefined
  #recvKey: Uint8Array | undefined
  #sendCounter = 0
  #recvCounter = 0
  #peer: VerifiedPeer | undefined
  #state: 'new' | 'hello-sent' | 'auth-sent' | 'open' | 'failed' = 'new'
  /** Frames dropped after the session opened (bad MAC, replay, garbage). */
  dropped = 0

  constructor(me: SessionIdentity, options: { isRevoked?: (deviceKey: string) => boolean } = {}) {
    this.#me = me
    this.#isRevoked = options.isRevoked ?? (() => false)
  }

  /** The verified remote, once the handshake is done. */
  get peer(): VerifiedPeer | undefined {
    return this.#peer
  }

  /** True once both sides are authenticated. */
  get open(): boolean {
    return this.#state === 'open'
  }

  /** The first frame to send. */
  start(): Uint8Array {
    this.#state = 'hello-sent'
    return utf8(JSON.stringify({ t: 'hello', v: VERSION, eph: toHex(this.#eph.publicKey), n: toHex(this.#nonce) }))
  }

  /** Feeds a handshake frame from the remote. */
  receive(frame: Uint8Array): HandshakeStep {
    if (this.#state === 'failed') return { kind: 'fail', reason: 'session failed' }
    if (this.#state === 'open') return { kind: 'fail', reason: 'handshake already complete' }
    if (!(frame instanceof Uint8Array) || frame.length > MAX_HANDSHAKE_BYTES) return this.#fail('bad handshake frame')
    if (!this.#theirEph) return this.#onHello(frame)
    return this.#onAuth(frame)
  }

  /** Encrypts an application frame. */
  seal(plain: Uint8Array): Uint8Array {
    if (this.#state !== 'open' || !this.#sendKey) throw new Error('session not open')
    const counter = this.#sendCounter++
    const box = nacl.secretbox(plain, nonceFor(counter), this.#sendKey)
    const out = new Uint8Array(8 + box.length)
    new DataView(out.buffer).setFloat64(0, counter)
    out.set(box, 8)
    return out
  }

  /** Decrypts an application frame; null (and counted) when forged, replayed or garbled. */
  unseal(frame: Uint8Array): Uint8Array | null {
    if (this.#state !== 'open' || !this.#recvKey || !(frame instanceof Uint8Array) || frame.length < 8 + nacl.secretbox.overheadLength) {
      this.dropped++
      return null
    }
    const counter = new DataView(frame.buffer, frame.byteOffset, 8).getFloat64(0)
    if (counter !== this.#recvCounter) {
      this.dropped++
      return null
    }
    const plain = nacl.secretbox.open(frame.subarray(8), nonceFor(counter), this.#recvKey)
    if (!plain) {
      this.dropped++
      return null
    }
    this.#recvCounter++
    return plain
  }

  #onHello(frame: Uint8Array): HandshakeStep {
    const msg = parseJson(frame)
    if (!msg || msg.t !== 'hello' || msg.v !== VERSION || typeof msg.eph !== 'string' || typeof msg.n !== 'string') {
      return this.#fail('malformed hello')
    }
    const eph = fromHex(msg.eph)
    const nonce = fromHex(msg.n)
    if (!eph || eph.length !== 32 || !nonce || nonce.length !== 16) return this.#fail('malformed hello keys')
    if (eph.every((b, i) => b === this.#eph.publicKey[i])) return this.#fail('reflected hello')
    this.#theirEph = eph
    this.#theirNonce = nonce
    const shared = nacl.box.before(eph, this.#eph.secretKey)
    const mineFirst = compare(this.#eph.publicKey, eph) < 0
    const material = nacl.hash(concat(utf8('echo-kit/session/v1'), shared, mineFirst ? this.#eph.publicKey : eph, mineFirst ? eph : this.#eph.publicKey))
    this.#sendKey = mineFirst ? material.subarray(0, 32) : material.subarray(32, 64)
    this.#recvKey = mineFirst ? material.subarray(32, 64) : material.subarray(0, 32)
    shared.fill(0)
    const auth = {
      t: 'auth',
      peerId: this.#me.peerId,
      deviceKey: this.#me.deviceKey,
      identityKey: this.#me.identityKey,
      credential: this.#me.deviceCredential,
      meta: this.#me.meta ?? {},
      sig: toHex(nacl.sign.detached(this.#transcript(this.#eph.publicKey, eph, this.#nonce, nonce, this.#me.peerId), this.#me.deviceSecretKey)),
    }
    const box = nacl.secretbox(utf8(JSON.stringify(auth)), nonceFor(-1), this.#sendKey)
    this.#state = 'auth-sent'
    return { kind: 'send', frame: box }
  }

  #onAuth(frame: Uint8Array): HandshakeStep {
    const plain = nacl.secretbox.open(frame, nonceFor(-1), this.#recvKey!)
    if (!plain) return this.#fail('auth does not decrypt (wrong key or tampered)')
    const msg = parseJson(plain)
    if (!msg || msg.t !== 'auth') return this.#fail('malformed auth')
    const { peerId, deviceKey, identityKey, sig } = msg as Record<string, unknown>
    if (typeof peerId !== 'string' || !PEER_ID.test(peerId)) return this.#fail('bad peer id')
    if (typeof deviceKey !== 'string' || !HEX64.test(deviceKey)) return this.#fail('bad device key')
    if (typeof identityKey !== 'string' || !HEX64.test(identityKey)) return this.#fail('bad identity key')
    const credential = parseCredential(msg.credential)
    if (
      !credential ||
      credential.kind !== 'device' ||
      credential.subject !== deviceKey ||
      credential.identityKey !== identityKey ||
      credential.issuer !== identityKey ||
      credential.signer !== identityKey ||
      !verifySignature(credential)
    ) {
      return this.#fail('device credential does not verify')
    }
    const sigBytes = typeof sig === 'string' ? fromHex(sig) : null
    const transcript = this.#transcript(this.#theirEph!, this.#eph.publicKey, this.#theirNonce!, this.#nonce, peerId)
    if (!sigBytes || sigBytes.length !== 64 || !nacl.sign.detached.verify(transcript, sigBytes, fromHex(deviceKey)!)) {
      return this.#fail('handshake signature does not verify')
    }
    if (this.#isRevoked(deviceKey)) return this.#fail('device revoked')
    const meta = msg.meta && typeof msg.meta === 'object' && !Array.isArray(msg.meta) ? (msg.meta as Record<string, unknown>) : {}
    this.#peer = { peerId, deviceKey, identityKey, deviceCredential: credential, meta }
    this.#state = 'open'
    return { kind: 'done', peer: this.#peer }
  }

  #transcript(signerEph: Uint8Array, otherEph: Uint8Array, signerNonce: Uint8Array, otherNonce: Uint8Array, peerId: string): Uint8Array {
    return concat(utf8('echo-kit/session-auth/v1\n'), signerEph, otherEph, signerNonce, otherNonce, utf8(peerId))
  }

  #fail(reason: string): HandshakeStep {
    this.#state = 'failed'
    return { kind: 'fail', reason }
  }
}

function nonceFor(counter: number): Uint8Array {
  const nonce = new Uint8Array(24)
  new DataView(nonce.buffer).setFloat64(0, counter)
  return nonce
}

function parseJson(bytes: Uint8Array): Record<string, unknown> | null {
  try {
    const v = JSON.parse(fromUtf8(bytes))
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null
  } catch {
    return null
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return 0
}
