import { utf8 } from '../shared/index.ts'
import type { InvitationKind } from './InvitationCode.ts'

/** What the guest's signature in an `auth` message covers. All keys are lowercase hex. */
export interface AuthTranscriptParts {
  kind: InvitationKind
  /** Invitation id from the code. */
  id: string
  /** The invitation's X25519 public key (from the code). */
  invitationKey: string
  /** The guest's fresh X25519 key for this channel. */
  guestKey: string
  /** The host's challenge nonce for this channel. */
  nonce: string
  /** Attempts left when this code was sent: each attempt signs a different transcript. */
  attemptsLeft: number
  /** The 6-digit code entered. */
  code: string
  /** The identity the guest presents ('' for a device invitation). */
  identityKey: string
  /** The device key the guest presents; the signature is made with its secret key. */
  deviceKey: string
}

/**
 * The bytes a guest signs with its device key to prove, inside the sealed channel, that it holds
 * the key it presents. Both channel keys, the invitation id, the host's nonce and the attempt are
 * in it, so a signature cannot be replayed on another channel, invitation or attempt.
 *
 * @example const sig = nacl.sign.detached(authTranscript(parts), deviceSecretKey)
 */
export function authTranscript(p: AuthTranscriptParts): Uint8Array {
  return utf8(
    ['echo-kit/invitation-auth/2', p.kind, p.id, p.invitationKey, p.guestKey, p.nonce, String(p.attemptsLeft), p.code, p.identityKey, p.deviceKey].join('\n'),
  )
}
