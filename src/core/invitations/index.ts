// src/core/invitations: the folder's door; other folders import only from here.
export { Invitation } from './Invitation.ts'
export type { GuestInfo, InvitationOptions, InvitationSnapshot, InvitationState } from './Invitation.ts'
export { decodeInvitationCode, encodeInvitationCode } from './InvitationCode.ts'
export type { InvitationCodeParts, InvitationKind } from './InvitationCode.ts'
export { Joining } from './Joining.ts'
export type { AuthenticateOptions, GuestProof, JoinOptions, JoiningContext, JoiningSnapshot } from './Joining.ts'
export { displayText, DISPLAY_TEXT_MAX, DISPLAY_TEXT_RAW_MAX } from './displayText.ts'
