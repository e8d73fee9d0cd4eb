import { useCallback } from 'react'
import type { InvitationOptions } from '../core/index.ts'
import { useEchoContext } from './EchoContext.ts'
import { useInvitationFlow, type InvitationFlow } from './useInvitationFlow.ts'

/**
 * Host side of a device invitation (add another device to this identity).
 *
 * @example
 * const { code, authCode, state, create } = useDeviceInvitation()
 */
export function useDeviceInvitation(): InvitationFlow {
  const client = useEchoContext('useDeviceInvitation')
  const make = useCallback((options?: InvitationOptions) => client.createDeviceInvitation(options), [client])
  return useInvitationFlow(make)
}
