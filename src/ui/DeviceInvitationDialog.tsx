import type { Invitation, InvitationOptions } from '../core/index.ts'
import { useDeviceInvitation } from '../react/index.ts'
import { useMessages } from './EchoUIProvider.tsx'
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
  linkBase?: string | undefined
  /** Passed to `client.createDeviceInvitation()`: expiresIn, maxAttempts. */
  options?: InvitationOptions | undefined
  /** Called with each invitation the dialog creates. */
  onInvitation?: ((invitation: Invitation) => void) | undefined
}

const LIVE = new Set(['init', 'connecting', 'connected', 'ready-for-auth', 'authenticating'])

/**
 * A ready-made dialog that adds another device to this identity: the same steps as
 * {@link InvitationDialog} (QR code and link; then a 6-digit code to enter on the new device;
 * then the result). The new device uses {@link JoinDeviceDialog}, and then sees all of this
 * identity's spaces. As with InvitationDialog, closing keeps the invitation open; "Cancel
 * invitation" (or unmounting) ends it.
 *
 * @example
 * <DeviceInvitationDialog />
 * <DeviceInvitationDialog trigger="Add a phone" />
 */
export function DeviceInvitationDialog({ linkBase, options, onInvitation, description, ...dialog }: DeviceInvitationDialogProps) {
  const m = useMessages(dialog.messages)
  const flow = useDeviceInvitation()
  return (
    <FlowDialog
      {...dialog}
      keepMounted
      pending={!!flow.invitation && LIVE.has(flow.state)}
      defaultTrigger={m.addDevice.trigger}
      defaultTitle={m.addDevice.title('')}
      render={(close) => (
        <InvitationPanel flow={flow} kind="device" linkBase={linkBase} options={options} onInvitation={onInvitation} onClose={close} description={description} />
      )}
    />
  )
}
