import type { Invitation, InvitationOptions, Space } from '../core/index.ts'
import { useSpaceInvitation } from '../react/index.ts'
import { useMessages } from './EchoUIProvider.tsx'
import { FlowDialog, type FlowDialogBaseProps } from './FlowDialog.tsx'
import { InvitationPanel } from './InvitationPanel.tsx'
import { useSpaceName } from './useSpaceName.ts'

/**
 * Props of {@link InvitationDialog}.
 *
 * @example
 * const props: InvitationDialogProps = { space, options: { role: 'reader', expiresIn: 5 * 60_000 } }
 */
export interface InvitationDialogProps extends FlowDialogBaseProps {
  /** The space to invite to (you must be its owner or admin). */
  space: Space | undefined
  /** Page the `#join=` link opens. Default: `document.baseURI` (a `<base href>`, else this page) without its hash. */
  linkBase?: string | undefined
  /** Passed to `space.createInvitation()`: role, expiresIn, maxAttempts. */
  options?: InvitationOptions | undefined
  /** Called with each invitation the dialog creates. */
  onInvitation?: ((invitation: Invitation) => void) | undefined
}

const LIVE = new Set(['init', 'connecting', 'connected', 'ready-for-auth', 'authenticating'])

/**
 * A ready-made dialog that invites someone to a space. The first open creates an invitation
 * and shows it as a QR code and a link to copy (the raw code behind a disclosure); when the
 * guest opens it, the dialog shows the 6-digit code to tell them (big digits and a QR code)
 * and how many attempts they have left; then who joined, or why it ended (expired, cancelled,
 * too many wrong codes) with a "New invitation" button.
 *
 * Closing the dialog does not cancel: the invitation stays open until it expires, is used, or
 * the host presses "Cancel invitation"; reopening shows it again, and the trigger carries
 * `data-pending` meanwhile. Unmounting the dialog cancels an unfinished invitation.
 *
 * Needs an `<EchoProvider>` above it. Keyboard and screen reader friendly: a native modal
 * dialog, a live status line, a description that follows the step, and focus on each result.
 *
 * @example
 * <InvitationDialog space={space} />
 * <InvitationDialog space={space} trigger={<button className="btn">Share</button>} options={{ role: 'reader' }} />
 */
export function InvitationDialog({ space, linkBase, options, onInvitation, description, ...dialog }: InvitationDialogProps) {
  const name = useSpaceName(space)
  const m = useMessages(dialog.messages)
  const flow = useSpaceInvitation(space)
  return (
    <FlowDialog
      {...dialog}
      keepMounted
      pending={!!flow.invitation && LIVE.has(flow.state)}
      defaultTrigger={m.invite.trigger}
      defaultTitle={m.invite.title(name)}
      render={(close) => (
        <InvitationPanel
          flow={flow}
          kind="space"
          spaceName={name}
          linkBase={linkBase}
          options={options}
          onInvitation={onInvitation}
          onClose={close}
          description={description}

        />
      )}
    />
  )
}
