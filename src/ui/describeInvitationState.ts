import type { EchoErrorCode, InvitationState } from '../core/index.ts'

export type { InvitationState }

/**
 * Which side of the invitation the message is for; the words differ ("Tell your guest this
 * code" vs "Enter the code shown on the other device"). `undefined` gives neutral wording.
 *
 * @example
 * describeInvitationState('connecting', undefined, 'host') // 'Waiting for your guest to connect…'
 */
export type InvitationSide = 'host' | 'guest'

const neutral: Record<InvitationState, string> = {
  init: 'Preparing the invitation…',
  connecting: 'Connecting…',
  connected: 'Connected. Setting up a secure channel…',
  'ready-for-auth': 'Waiting for the authorization code.',
  authenticating: 'Checking the code…',
  success: 'Done: the invitation was accepted.',
  cancelled: 'The invitation was cancelled.',
  expired: 'The invitation has expired. Ask for a new one.',
  error: 'Something went wrong with the invitation.',
}

const host: Partial<Record<InvitationState, string>> = {
  init: 'Creating the invitation…',
  connecting: 'Waiting for your guest to connect…',
  connected: 'Your guest is connected. Setting up a secure channel…',
  'ready-for-auth': 'Tell your guest this code.',
  authenticating: 'Your guest is entering the code…',
  success: 'Your guest has joined.',
  expired: 'The invitation has expired. Create a new one.',
}

const guest: Partial<Record<InvitationState, string>> = {
  init: 'Reading the invitation…',
  connecting: 'Looking for the person who invited you…',
  connected: 'Found them. Setting up a secure channel…',
  'ready-for-auth': 'Enter the code shown on the other device.',
  authenticating: 'Checking the code…',
  success: 'You have joined.',
}

// Written for the person who has to act on them: what happened and what to do next.
const errors: Partial<Record<EchoErrorCode, string>> = {
  AUTH_FAILED: 'That code is not right. Check it and try again.',
  TOO_MANY_ATTEMPTS: 'Too many wrong codes. Ask for a new invitation.',
  INVALID_INVITATION: 'This invitation code is not valid. Check that it was copied whole.',
  INVITATION_EXPIRED: 'The invitation has expired. Ask for a new one.',
  CANCELLED: 'The invitation was cancelled.',
  NETWORK_FAILED: 'Could not reach the other device. Check your connection and try again.',
  NOT_A_MEMBER: 'You are not a member of this space.',
  FORBIDDEN: 'You are not allowed to invite people to this space.',
  NO_IDENTITY: 'Create your identity before joining a space.',
  CLOSED: 'The app was closed before the invitation finished.',
  STORAGE_FAILED: 'Could not save the space on this device.',
}

/**
 * A short, human sentence for an invitation state; for `error`, one that fits the error code.
 *
 * @example
 * describeInvitationState('expired')                   // 'The invitation has expired. Ask for a new one.'
 * describeInvitationState('error', 'TOO_MANY_ATTEMPTS') // 'Too many wrong codes. Ask for a new invitation.'
 * describeInvitationState('ready-for-auth', undefined, 'guest') // 'Enter the code shown on the other device.'
 */
export function describeInvitationState(state: InvitationState, errorCode?: EchoErrorCode | string, side?: InvitationSide): string {
  if (state === 'error') return (errorCode && errors[errorCode as EchoErrorCode]) || neutral.error
  const sideText = side === 'host' ? host[state] : side === 'guest' ? guest[state] : undefined
  return sideText ?? neutral[state] ?? neutral.error
}
