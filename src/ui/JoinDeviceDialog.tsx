import type { Identity, JoinOptions } from '../core/index.ts'
import { useIdentity, useJoinDevice } from '../react/index.ts'
import { useMessages } from './EchoUIProvider.tsx'
import { FlowDialog, type FlowDialogBaseProps } from './FlowDialog.tsx'
import { JoinPanel } from './JoinPanel.tsx'

/**
 * Props of {@link JoinDeviceDialog}.
 *
 * @example
 * const props: JoinDeviceDialogProps = { defaultOpen: true, onJoined: (identity) => greet(identity.displayName) }
 */
export interface JoinDeviceDialogProps extends FlowDialogBaseProps {
  /** A device invitation code or `…#join=CODE` link to start with (joining starts on open). */
  defaultCode?: string | undefined
  /** Start joining `defaultCode` when the dialog opens. Default true. */
  autoJoin?: boolean | undefined
  /** Passed to `client.join()` (e.g. `timeout` in ms). */
  joinOptions?: JoinOptions | undefined
  /** Called with this device's new identity when the user presses "Done" (the dialog then closes). */
  onJoined?: ((identity: Identity) => void) | undefined
}

/**
 * A ready-made dialog for a new device (one without an identity yet) to join its owner's
 * identity with a device invitation from {@link DeviceInvitationDialog}: paste the code or
 * link, enter the 6-digit code the other device shows, done; the identity's spaces then sync
 * to this device. Closing the dialog cancels an unfinished join.
 *
 * @example
 * const identity = useIdentity()
 * if (!identity) return <><CreateIdentityForm /><JoinDeviceDialog trigger="I already use echo-kit on another device" /></>
 */
export function JoinDeviceDialog({ defaultCode, autoJoin, joinOptions, onJoined, description, ...dialog }: JoinDeviceDialogProps) {
  const m = useMessages(dialog.messages)
  return (
    <FlowDialog
      {...dialog}
      defaultTrigger={m.joinDevice.trigger}
      defaultTitle={m.joinDevice.title}
      render={(close) => (
        <JoinDeviceBody defaultCode={defaultCode} autoJoin={autoJoin} joinOptions={joinOptions} onJoined={onJoined} onClose={close} description={description} />
      )}
    />
  )
}

function JoinDeviceBody({ onJoined, ...panel }: Pick<JoinDeviceDialogProps, 'defaultCode' | 'autoJoin' | 'joinOptions' | 'onJoined' | 'description'> & { onClose: () => void }) {
  const flow = useJoinDevice()
  const identity = useIdentity()
  return <JoinPanel flow={flow} kind="device" {...panel} onJoined={onJoined ? () => identity && onJoined(identity) : undefined} />
}
