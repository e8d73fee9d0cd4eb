import type { Invitation, InvitationOptions, Space } from '../core/index.ts'
import { useSpaceInvitation } from '../react/index.ts'
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
  linkBase?: string
  /** Passed to `space.createInvitation()`: role, expiresIn, maxAttempts. */
  options?: InvitationOptions
  /** Called with each invitation the dialog creates. */
  onInvitation?: (invitation: Invitation) => void
}

/**
 * A ready-made dialog that invites someone to a space. Opening it creates an invitation and
 * shows it as a QR code, a link and a code to copy; when the guest opens it, the dialog shows
 * the 6-digit code to tell them (big digits and a QR code) and how many attempts they have
 * left; then who joined, or why it ended (expired, cancelled, too many wrong codes) with a
 * "New invitation" button. Closing the dialog cancels an unfinished invitation.
 *
 * Needs an `<EchoProvider>` above it. Keyboard and screen reader friendly: a modal dialog with
 * focus management, a live status line, and focus on each new result.
 *
 * @example
 * <InvitationDialog space={space} />
 * <InvitationDialog space={space} trigger={<button className="btn">Share</button>} options={{ role: 'reader' }} />
 */
export function InvitationDialog({ space, linkBase, options, onInvitation, ...dialog }: InvitationDialogProps) {
  const name = useSpaceName(space)
  return (
    <FlowDialog
      {...dialog}
      defaultTrigger="Invite"
      defaultTitle={name ? `Invite to ${name}` : 'Invite to this space'}
      defaultDescription="Share the link or QR code. When your guest opens it, a 6-digit code appears here for you to tell them."
      render={(close) => <SpaceInvitationBody space={space} name={name} linkBase={linkBase} options={options} onInvitation={onInvitation} onClose={close} />}
    />
  )
}

function SpaceInvitationBody({
  space,
  name,
  ...panel
}: Pick<InvitationDialogProps, 'space' | 'linkBase' | 'options' | 'onInvitation'> & { name: string; onClose: () => void }) {
  const flow = useSpaceInvitation(space)
  return <InvitationPanel flow={flow} kind="space" spaceName={name} {...panel} />
}
