import type { JoinOptions, Space } from '../core/index.ts'
import { useJoinSpace } from '../react/index.ts'
import { useMessages } from './EchoUIProvider.tsx'
import { FlowDialog, type FlowDialogBaseProps } from './FlowDialog.tsx'
import { JoinPanel } from './JoinPanel.tsx'

/**
 * Props of {@link JoinDialog}.
 *
 * @example
 * const props: JoinDialogProps = { defaultOpen: !!code, defaultCode: code, onJoined: (space) => setSpaceId(space.id) }
 */
export interface JoinDialogProps extends FlowDialogBaseProps {
  /**
   * A code or `…#join=CODE` link to start with, e.g. read from `location.hash` by the app.
   * Joining starts as soon as the dialog opens (see `autoJoin`). Clear it once used: a code
   * works once.
   */
  defaultCode?: string | undefined
  /** Start joining `defaultCode` when the dialog opens. Default true. */
  autoJoin?: boolean | undefined
  /** Passed to `client.join()` (e.g. `timeout` in ms). */
  joinOptions?: JoinOptions | undefined
  /** Called with the joined space when the user presses "Open space" (the dialog then closes). */
  onJoined?: ((space: Space) => void) | undefined
}

/**
 * A ready-made dialog to join a space with an invitation: a labelled field for the code or
 * link (a bad, expired or wrong-kind code is reported there before anything connects), then
 * the 6-digit code the host shows (focused as it appears, sent when complete), attempts left,
 * clear errors, and a success view with the space's name and an "Open space" button.
 * Closing the dialog cancels an unfinished join. Needs an identity (`client.createIdentity`).
 *
 * @example
 * const code = location.hash.startsWith('#join=') ? location.hash.slice(6) : undefined
 * <JoinDialog defaultOpen={!!code} defaultCode={code} onJoined={(space) => setCurrent(space.id)} />
 */
export function JoinDialog({ defaultCode, autoJoin, joinOptions, onJoined, description, ...dialog }: JoinDialogProps) {
  const m = useMessages(dialog.messages)
  return (
    <FlowDialog
      {...dialog}
      defaultTrigger={m.join.trigger}
      defaultTitle={m.join.title}
      render={(close) => (
        <JoinSpaceBody defaultCode={defaultCode} autoJoin={autoJoin} joinOptions={joinOptions} onJoined={onJoined} onClose={close} description={description} />
      )}
    />
  )
}

function JoinSpaceBody({ onJoined, ...panel }: Pick<JoinDialogProps, 'defaultCode' | 'autoJoin' | 'joinOptions' | 'onJoined' | 'description'> & { onClose: () => void }) {
  const flow = useJoinSpace()
  return <JoinPanel flow={flow} kind="space" {...panel} onJoined={onJoined ? (space) => space && onJoined(space) : undefined} />
}
