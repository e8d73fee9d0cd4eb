// echo-kit UI: presentational parts (no engine needed) and, at the end, the components built
// on the hooks. Named exports only, so bundlers drop what an app does not use.
export { AuthCode, groupDigits } from './AuthCode.tsx'
export type { AuthCodeProps } from './AuthCode.tsx'
export { CopyButton, copyText } from './CopyButton.tsx'
export type { CopyButtonProps, CopyState } from './CopyButton.tsx'
export {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogOverlay,
  DialogPortal,
  DialogRoot,
  DialogTitle,
  DialogTrigger,
} from './dialog/index.ts'
export type {
  DialogButtonProps,
  DialogContentProps,
  DialogDescriptionProps,
  DialogOverlayProps,
  DialogPortalProps,
  DialogRootProps,
  DialogTitleProps,
} from './dialog/index.ts'
export { EchoUIProvider, mergeMessages, useMessages } from './EchoUIProvider.tsx'
export type { EchoUIProviderProps, MessagesOverride } from './EchoUIProvider.tsx'
export { messagesEn } from './messagesEn.ts'
export type { EchoMessages, GuestMessages, HostMessages } from './EchoMessages.ts'
export { messagesDe } from './messagesDe.ts'
export type { KitButtonProps, KitComponents, KitInputProps, PartClassNames } from './KitComponents.ts'
export { Slot } from './Slot.tsx'
export type { PartProps } from './Slot.tsx'
export { describeInvitationState } from './describeInvitationState.ts'
export type { InvitationSide, InvitationState } from './describeInvitationState.ts'
export { InvitationStatus } from './InvitationStatus.tsx'
export type { InvitationStatusProps } from './InvitationStatus.tsx'
export { NetworkStatus } from './NetworkStatus.tsx'
export type { NetworkStatusProps, NetworkStatusState } from './NetworkStatus.tsx'
export { PinInput } from './PinInput.tsx'
export type { PinInputProps } from './PinInput.tsx'
export { QrCode } from './QrCode.tsx'
export { canScan, QrScanner } from './QrScanner.tsx'
export type { QrScannerProps, QrScannerState } from './QrScanner.tsx'
export type { QrCodeProps } from './QrCode.tsx'
export { StatusBadge } from './StatusBadge.tsx'
export type { StatusBadgeProps, StatusTone } from './StatusBadge.tsx'
export { TextField } from './TextField.tsx'
export type { TextFieldProps } from './TextField.tsx'
export { useUndoKeys } from './useUndoKeys.ts'
export { visuallyHidden } from './kit.tsx'
export { buttonStyle, primaryButtonStyle, styleFor, tokens } from './theme.ts'
export { useControllableState } from './useControllableState.ts'
// Invitation, join and list components (need an <EchoProvider>).
export { ConfirmAction } from './ConfirmAction.tsx'
export type { ConfirmActionProps, ConfirmActionState } from './ConfirmAction.tsx'
export { DeviceInvitationDialog } from './DeviceInvitationDialog.tsx'
export type { DeviceInvitationDialogProps } from './DeviceInvitationDialog.tsx'
export { DeviceList } from './DeviceList.tsx'
export type { DeviceListProps } from './DeviceList.tsx'
export type { FlowDialogBaseProps } from './FlowDialog.tsx'
export { InvitationDialog } from './InvitationDialog.tsx'
export type { InvitationDialogProps } from './InvitationDialog.tsx'
export { InvitationPanel } from './InvitationPanel.tsx'
export type { InvitationPanelProps } from './InvitationPanel.tsx'
export { JoinDeviceDialog } from './JoinDeviceDialog.tsx'
export type { JoinDeviceDialogProps } from './JoinDeviceDialog.tsx'
export { JoinDialog } from './JoinDialog.tsx'
export type { JoinDialogProps } from './JoinDialog.tsx'
export { JoinPanel } from './JoinPanel.tsx'
export type { JoinPanelProps } from './JoinPanel.tsx'
export { MemberList } from './MemberList.tsx'
export { PresenceAvatars } from './PresenceAvatars.tsx'
export type { PresenceAvatarsProps } from './PresenceAvatars.tsx'
export { presenceColor } from './presenceColor.ts'
export type { MemberListProps } from './MemberList.tsx'
