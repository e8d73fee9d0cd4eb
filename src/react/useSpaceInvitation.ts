import { useCallback } from 'react'
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
  const make = useCallback((options?: InvitationOptions) => space!.createInvitation(options), [space])
  return useInvitationFlow(space ? make : undefined)
}
