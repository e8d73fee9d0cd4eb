// echo-kit UI: presentational parts (no engine needed). Named exports only, so bundlers drop
// what an app does not use.
export { AuthCode, groupDigits } from './AuthCode.tsx'
export type { AuthCodeProps } from './AuthCode.tsx'
export { CopyButton, copyText } from './CopyButton.tsx'
export type { CopyButtonProps, CopyState } from './CopyButton.tsx'
export {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogRoot,
  DialogTitle,
  DialogTrigger,
} from './Dialog.tsx'
export type {
  DialogButtonProps,
  DialogContentProps,
  DialogDescriptionProps,
  DialogRootProps,
  DialogTitleProps,
} from './Dialog.tsx'
export { describeInvitationState } from './describeInvitationState.ts'
export type { InvitationSide, InvitationState } from './describeInvitationState.ts'
export { InvitationStatus } from './InvitationStatus.tsx'
export type { InvitationStatusProps } from './InvitationStatus.tsx'
export { NetworkStatus } from './NetworkStatus.tsx'
export type { NetworkStatusProps, NetworkStatusState } from './NetworkStatus.tsx'
export { PinInput } from './PinInput.tsx'
export type { PinInputProps } from './PinInput.tsx'
export { QrCode } from './QrCode.tsx'
export type { QrCodeProps } from './QrCode.tsx'
export { StatusBadge } from './StatusBadge.tsx'
export type { StatusBadgeProps, StatusTone } from './StatusBadge.tsx'
export { TextField } from './TextField.tsx'
export type { TextFieldProps } from './TextField.tsx'
export { buttonStyle, primaryButtonStyle, styleFor, tokens, visuallyHidden } from './theme.ts'
export { useControllableState } from './useControllableState.ts'
