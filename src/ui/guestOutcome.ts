import type { InvitationState } from '../core/index.ts'
import type { EchoMessages, GuestMessages } from './EchoMessages.ts'

/**
 * What the guest panel shows; follows the joining state.
 *
 * @example const phase: GuestPhase = 'pin'
 */
export type GuestPhase = 'form' | 'connecting' | 'pin' | 'success' | 'failed'

/**
 * The guest panel's step for a joining state.
 *
 * @example guestPhase('ready-for-auth') // 'pin'
 */
export function guestPhase(state: InvitationState): GuestPhase {
  switch (state) {
    case 'init':
      return 'form'
    case 'connecting':
    case 'connected':
      return 'connecting'
    case 'ready-for-auth':
    case 'authenticating':
      return 'pin'
    case 'success':
      return 'success'
    default:
      return 'failed'
  }
}

/**
 * The heading and message of a finished join (success or why it failed), or undefined while it
 * runs. Shared by JoinPanel; not exported from `src/ui/index.ts`.
 *
 * @example guestOutcome('failed', 'expired', undefined, m.join, m, '') // { heading: 'Invitation expired', … }
 */
export function guestOutcome(
  phase: GuestPhase,
  state: InvitationState,
  code: string | undefined,
  m: GuestMessages,
  all: EchoMessages,
  name: string,
): { heading: string; message: string } | undefined {
  if (phase === 'success') return { heading: m.successHeading(name), message: m.successMessage }
  if (phase !== 'failed') return undefined
  if (state === 'expired') return { heading: m.expiredHeading, message: m.expiredMessage }
  if (state === 'cancelled') {
    // CANCELLED comes from the host's side; a cancel made here has no such error.
    return code === 'CANCELLED' ? { heading: m.cancelledByHostHeading, message: m.cancelledByHost } : { heading: m.cancelledHereHeading, message: m.cancelledHere }
  }
  if (code === 'TOO_MANY_ATTEMPTS') return { heading: m.tooManyHeading, message: m.tooManyMessage }
  if (code === 'NETWORK_FAILED') return { heading: m.networkHeading, message: m.networkMessage }
  if (code === 'INVITATION_UNAVAILABLE') return { heading: m.unavailableHeading, message: m.unavailableMessage }
  return { heading: m.failedHeading, message: (code && all.errors[code]) || all.genericError }
}
