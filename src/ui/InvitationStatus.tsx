import type { Ref } from 'react'
import type { EchoErrorCode } from '../core/index.ts'
import { describeInvitationState, type InvitationSide, type InvitationState } from './describeInvitationState.ts'
import { useMessages } from './EchoUIProvider.tsx'
import { StatusBadge, type StatusBadgeProps, type StatusTone } from './StatusBadge.tsx'

/**
 * Props of {@link InvitationStatus}.
 *
 * @example
 * const props: InvitationStatusProps = { state: joining.state, errorCode: joining.error?.code, side: 'guest' }
 */
export interface InvitationStatusProps extends Omit<StatusBadgeProps, 'children' | 'tone'> {
  state: InvitationState
  errorCode?: EchoErrorCode | string | undefined
  side?: InvitationSide | undefined
  /** Replaces the wording of the messages in effect (see `EchoUIProvider`). */
  describe?: ((state: InvitationState, errorCode?: EchoErrorCode | string, side?: InvitationSide) => string) | undefined
  ref?: Ref<HTMLSpanElement> | undefined
}

const tones: Record<InvitationState, StatusTone> = {
  init: 'neutral',
  connecting: 'info',
  connected: 'info',
  'ready-for-auth': 'info',
  authenticating: 'info',
  success: 'success',
  cancelled: 'neutral',
  expired: 'warning',
  error: 'danger',
}

/**
 * The state of an invitation as a dot and a sentence, announced politely as it changes.
 *
 * @example
 * const joining = useJoinSpace()
 * <InvitationStatus state={joining.state} errorCode={joining.error?.code} side="guest" />
 */
export function InvitationStatus({ state, errorCode, side, describe, ...rest }: InvitationStatusProps) {
  const m = useMessages()
  const text = describe ? describe(state, errorCode, side) : describeInvitationState(state, errorCode, side, m)
  return (
    <StatusBadge role="status" data-part="status" data-state={state} tone={tones[state]} {...rest}>
      {text}
    </StatusBadge>
  )
}
