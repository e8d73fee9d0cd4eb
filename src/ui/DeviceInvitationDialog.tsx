import type { Invitation, InvitationOptions } from '../core/index.ts'
import { useDeviceInvitation } from '../react/index.ts'
import { FlowDialog, type FlowDialogBaseProps } from './FlowDialog.tsx'
import { InvitationPanel } from './InvitationPanel.tsx'

/**
 * Props of {@link DeviceInvitationDialog}.
 *
 * @example
 * const props: DeviceInvitationDialogProps = { options: { expiresIn: 5 * 60_000 } }
 */
export interface DeviceInvitationDialogProps extends FlowDialogBaseProps {
  /** Page the `#join=` link opens on the new device. Default: `document.baseURI` without its hash. */
  linkBase?: string
  /** Passed to `client.createDeviceInvitation()`: expiresIn, maxAttempts. */
  options?: InvitationOptions
  /** Called with each invitation the dialog creates. */
  onInvitation?: (invitation: Invitation) => void
}

/**
 * A ready-made dialog that adds another device to this identity: the same steps as
 * {@link InvitationDialog} (QR code, link and code; then a 6-digit code to enter on the new
 * device; then the result). The new device uses {@link JoinDeviceDialog}, and then sees all of
 * this identity's spaces. Closing the dialog cancels an unfinished invitation.
 *
 * @example
 * <DeviceInvitationDialog />
 * <DeviceInvitationDialog trigger="Add a phone" />
 */
export function DeviceInvitationDialog({ linkBase, options, onInvitation, ...dialog }: DeviceInvitationDialogProps) {
  return (
    <FlowDialog
      {...dialog}
      defaultTrigger="Add a device"
      defaultTitle="Add a device"
      defaultDescription="Open the link or scan the QR code on your new device. Then enter the 6-digit code that appears here."
      render={(close) => <DeviceInvitationBody linkBase={linkBase} options={options} onInvitation={onInvitation} onClose={close} />}
    />
  )
}

function DeviceInvitationBody(panel: Pick<DeviceInvitationDialogProps, 'linkBase' | 'options' | 'onInvitation'> & { onClose: () => void }) {
  const flow = useDeviceInvitation()
  return <InvitationPanel flow={flow} kind="device" {...panel} />
}
