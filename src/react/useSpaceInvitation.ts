import { useCallback, useRef } from 'react'
import type { InvitationOptions, Space } from '../core/index.ts'
import { useEchoContext } from './EchoContext.ts'
import { useInvitationFlow, type InvitationFlow } from './useInvitationFlow.ts'

/**
 * Host side of a space invitation: `create()` makes one; state, code and (once a guest is
 * connected) `authCode` follow it live. An unfinished invitation is cancelled on unmount.
 *
 * @example
 * const { state, code, authCode, create, cancel } = useSpaceInvitation(space)
 * useEffect(() => void create(), [create])
 * return state === 'ready-for-auth' ? <AuthCode code={authCode!} /> : <QrCode value={code} label="Invitation" />
 */
export function useSpaceInvitation(space: Space | undefined): InvitationFlow {
  useEchoContext('useSpaceInvitation')
  // Keyed by the space's id: a new view of the same space (members changed, e.g. the guest was
  // just admitted) must not start a new invitation.
  const latest = useRef(space)
  latest.current = space
  const make = useCallback((options?: InvitationOptions) => latest.current!.createInvitation(options), [space?.id])
  return useInvitationFlow(space ? make : undefined)
}
