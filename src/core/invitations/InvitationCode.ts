import nacl from 'tweetnacl'
import { EchoError } from '../shared/index.ts'
import { fromBase64Url, toBase64Url, toHex } from '../shared/index.ts'

/** What an invitation is for. */
export type InvitationKind = 'space' | 'device'

/** What an invitation code carries (nothing secret: the invitation key is public). */
export interface InvitationCodeParts {
  kind: InvitationKind
  /** Invitation id, 32 hex chars. */
  id: string
  /** Signaling topic where the host waits, 32 hex chars. */
  topic: string
  /** The host's invitation X25519 public key, 64 hex chars. */
  publicKey: string
  /** Expiry, ms since epoch (second precision). */
  expiresAt: number
}

const VERSION = 1
// version(1) kind(1) expiry seconds(6) id(16) topic(16) key(32) check(4) = 76 bytes = 102 chars.
const LENGTH = 76

/**
 * Encodes an invitation code: compact, URL-safe, versioned, with a checksum so a mistyped or
 * tampered code is refused before anything connects.
 *
 * @example const code = encodeInvitationCode(parts) // 'AQEAAGc…' (102 chars)
 */
export function encodeInvitationCode(parts: InvitationCodeParts): string {
  const out = new Uint8Array(LENGTH)
  out[0] = VERSION
  out[1] = parts.kind === 'device' ? 2 : 1
  const seconds = Math.floor(parts.expiresAt / 1000)
  for (let i = 0; i < 6; i++) out[2 + i] = Math.floor(seconds / 2 ** (8 * (5 - i))) & 255
  out.set(hexBytes(parts.id, 16), 8)
  out.set(hexBytes(parts.topic, 16), 24)
  out.set(hexBytes(parts.publicKey, 32), 40)
  out.set(nacl.hash(out.subarray(0, 72)).subarray(0, 4), 72)
  return toBase64Url(out)
}

/**
 * Decodes and checks an invitation code (also accepts a link ending in `#join=CODE`).
 * Throws `INVALID_INVITATION` when malformed or tampered, `INVITATION_EXPIRED` when expired.
 *
 * @example const { kind, expiresAt } = decodeInvitationCode(code)
 */
export function decodeInvitationCode(input: unknown, now = Date.now()): InvitationCodeParts {
  const bad = (why: string) => new EchoError('INVALID_INVITATION', `not a valid invitation code: ${why}`)
  if (typeof input !== 'string') throw bad('expected a string')
  let code = input.trim()
  const hash = code.indexOf('#join=')
  if (hash >= 0) code = code.slice(hash + 6)
  if (code.length > 200) throw bad('too long')
  const bytes = fromBase64Url(code)
  if (!bytes || bytes.length !== LENGTH) throw bad('wrong length')
  if (bytes[0] !== VERSION) throw bad(`unknown version ${bytes[0]}`)
  const check = nacl.hash(bytes.subarray(0, 72)).subarray(0, 4)
  if (!nacl.verify(padTo16(check), padTo16(bytes.subarray(72, 76)))) throw bad('checksum mismatch (mistyped or tampered)')
  if (bytes[1] !== 1 && bytes[1] !== 2) throw bad('unknown kind')
  let seconds = 0
  for (let i = 0; i < 6; i++) seconds = seconds * 256 + bytes[2 + i]!
  const parts: InvitationCodeParts = {
    kind: bytes[1] === 2 ? 'device' : 'space',
    expiresAt: seconds * 1000,
    id: toHex(bytes.subarray(8, 24)),
    topic: toHex(bytes.subarray(24, 40)),
    publicKey: toHex(bytes.subarray(40, 72)),
  }
  if (parts.expiresAt <= now) throw new EchoError('INVITATION_EXPIRED', 'this invitation has expired; ask for a new one')
  return parts
}

function hexBytes(hex: string, n: number): Uint8Array {
  if (typeof hex !== 'string' || hex.length !== n * 2 || !/^[0-9a-f]+$/.test(hex)) throw new Error(`expected ${n} bytes of hex`)
  const out = new Uint8Array(n)
  for (let i = 0; i < n; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return out
}

function padTo16(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(16)
  out.set(b)
  return out
}
