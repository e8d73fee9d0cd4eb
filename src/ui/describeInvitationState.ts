import type { EchoErrorCode, InvitationState } from '../core/index.ts'
import type { EchoMessages } from './EchoMessages.ts'
import { messagesEn } from './messagesEn.ts'

export type { InvitationState }

/**
 * Which side of the invitation the message is for; the words differ ("Tell your guest this
 * code" vs "Enter the code that the person who invited you sees"). `undefined` gives neutral wording.
 *
 * @example
 * describeInvitationState('connecting', undefined, 'host') // 'Waiting for your guest to connect…'
 */
export type InvitationSide = 'host' | 'guest'

/**
 * A short, human sentence for an invitation state; for `error`, one that fits the error code.
 * The words come from `messages` (default English; see {@link EchoMessages}).
 *
 * @example
 * describeInvitationState('expired')                   // 'The invitation has expired. Ask for a new one.'
 * describeInvitationState('error', 'TOO_MANY_ATTEMPTS') // 'Too many wrong codes. Ask for a new invitation.'
 * describeInvitationState('connecting', undefined, 'guest', messagesDe)
 */
export function describeInvitationState(
  state: InvitationState,
  errorCode?: EchoErrorCode | string,
  side?: InvitationSide,
  messages: EchoMessages = messagesEn,
): string {
  if (state === 'error') return (errorCode && messages.errors[errorCode]) || messages.genericError
  const sideText = side === 'host' ? messages.invite.status[state] : side === 'guest' ? messages.join.status[state] : undefined
  // '' (the guest's form says nothing) falls back to the neutral sentence.
  return sideText || messages.status[state] || messages.genericError
}
