import { EchoError } from '../shared/index.ts'
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from '../shared/index.ts'

/** What a space address carries: enough to find and open the space, nothing that grants access. */
export interface SpaceAddressParts {
  spaceId: string
  controlDocId: string
  dataDocId: string
  /** Swarm secret: peers meet on a topic derived from it, so the signaling server never sees the space id. */
  secret: string
}

const HEX64 = /^[0-9a-f]{64}$/
const DOC_ID = /^[1-9A-HJ-NP-Za-km-z]{20,64}$/
const SECRET = /^[0-9a-f]{32,128}$/

/**
 * Encodes a shareable, URL-safe space address.
 *
 * @example const address = encodeSpaceAddress(parts) // 'eyJ2Ijox…'
 */
export function encodeSpaceAddress(parts: SpaceAddressParts): string {
  return toBase64Url(utf8(JSON.stringify({ v: 1, s: parts.spaceId, c: parts.controlDocId, d: parts.dataDocId, k: parts.secret })))
}

/**
 * Decodes a space address; throws `INVALID_ADDRESS` when it is malformed.
 *
 * @example const { spaceId } = decodeSpaceAddress(address)
 */
export function decodeSpaceAddress(address: unknown): SpaceAddressParts {
  const bad = (why: string) => new EchoError('INVALID_ADDRESS', `not a space address: ${why}`)
  if (typeof address !== 'string' || address.length === 0 || address.length > 2048) throw bad('expected a short string')
  const bytes = fromBase64Url(address.trim())
  if (!bytes) throw bad('not base64url')
  let value: unknown
  try {
    value = JSON.parse(fromUtf8(bytes))
  } catch {
    throw bad('garbled')
  }
  const v = value as Record<string, unknown>
  if (!v || typeof v !== 'object' || v.v !== 1) throw bad('unknown version')
  if (typeof v.s !== 'string' || !HEX64.test(v.s)) throw bad('bad space id')
  if (typeof v.c !== 'string' || !DOC_ID.test(v.c) || typeof v.d !== 'string' || !DOC_ID.test(v.d)) throw bad('bad document ids')
  if (typeof v.k !== 'string' || !SECRET.test(v.k)) throw bad('bad secret')
  return { spaceId: v.s, controlDocId: v.c, dataDocId: v.d, secret: v.k }
}
