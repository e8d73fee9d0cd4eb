import type { Identity } from '../core/index.ts'
import { decodeInvitationCode, isEchoError } from '../react/index.ts'
import type { EchoMessages, GuestMessages } from './EchoMessages.ts'

/**
 * Why a typed code cannot be joined here, before anything connects (empty, mistyped, expired,
 * the other kind of invitation, or this client has / lacks the identity it needs), or undefined
 * when it may be joined. Shared by JoinPanel; not exported from `src/ui/index.ts`.
 *
 * @example const problem = checkJoinCode(input, 'device', identity, all, all.joinDevice)
 */
export function checkJoinCode(text: string, kind: 'space' | 'device', identity: Identity | null | undefined, all: EchoMessages, m: GuestMessages): string | undefined {
  const code = text.trim()
  if (!code) return m.emptyCode
  try {
    const parts = decodeInvitationCode(code)
    if (parts.kind !== kind) return m.wrongKind
    if (kind === 'space' && !identity) return all.errors.NO_IDENTITY
    if (kind === 'device' && identity) return m.alreadyHasIdentity(identity.displayName)
  } catch (e) {
    return isEchoError(e, 'INVITATION_EXPIRED') ? m.expiredCode : all.errors.INVALID_INVITATION
  }
  return undefined
}
