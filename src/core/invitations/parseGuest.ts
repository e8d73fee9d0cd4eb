import nacl from 'tweetnacl'
import { parseCredential, verifySignature } from '../identity/index.ts'
import { fromHex } from '../shared/index.ts'
import { authTranscript, type AuthTranscriptParts } from './authTranscript.ts'
import { DISPLAY_TEXT_MAX, DISPLAY_TEXT_RAW_MAX, displayText } from './displayText.ts'
import type { GuestInfo } from './Invitation.ts'
import type { InvitationKind } from './InvitationCode.ts'

const HEX64 = /^[0-9a-f]{64}$/

/**
 * What the guest presents in its `auth` message, checked by the host: well-formed keys, for a
 * space a device credential its identity signed, and a name that is plain text. A name that is
 * not a string, or is longer than any honest guest sends, refuses the guest (null); otherwise it
 * is cut to one line of display text (a new device's name to {@link DISPLAY_TEXT_MAX} code points).
 *
 * @example const info = parseGuest(msg, 'device') // { deviceKey, displayName: 'Phone' } | null
 */
export function parseGuest(msg: Record<string, unknown>, kind: InvitationKind): GuestInfo | null {
  const { deviceKey, identityKey } = msg
  if (typeof deviceKey !== 'string' || !HEX64.test(deviceKey)) return null
  const raw = msg.displayName
  if (raw !== undefined && (typeof raw !== 'string' || raw.length > DISPLAY_TEXT_RAW_MAX)) return null
  if (kind === 'device') return { deviceKey, displayName: displayText(raw, DISPLAY_TEXT_MAX) }
  if (typeof identityKey !== 'string' || !HEX64.test(identityKey)) return null
  const credential = parseCredential(msg.deviceCredential)
  if (
    !credential ||
    credential.kind !== 'device' ||
    credential.subject !== deviceKey ||
    credential.identityKey !== identityKey ||
    credential.signer !== identityKey ||
    !verifySignature(credential)
  ) {
    return null
  }
  // A person's name is theirs to choose up to the raw limit; only controls are taken out.
  return { identityKey, deviceKey, displayName: displayText(raw, DISPLAY_TEXT_RAW_MAX), deviceCredential: credential }
}

/**
 * True when `sig` is the device key's signature over the transcript.
 *
 * @example if (!provesKeys(msg.sig, info.deviceKey, parts)) refuse()
 */
export function provesKeys(sig: unknown, deviceKey: string, parts: AuthTranscriptParts): boolean {
  const signature = typeof sig === 'string' ? fromHex(sig) : null
  const key = fromHex(deviceKey)
  if (!signature || signature.length !== nacl.sign.signatureLength || !key) return false
  return nacl.sign.detached.verify(authTranscript(parts), signature, key)
}
