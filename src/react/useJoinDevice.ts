import { useCallback } from 'react'
import type { JoinOptions } from '../core/index.ts'
import { useEchoContext } from './EchoContext.ts'
import { useJoinFlow, type JoinFlow } from './useInvitationFlow.ts'

/**
 * Guest side of a device invitation: this (new) device joins an existing identity.
 *
 * @example
 * const { state, join, authenticate } = useJoinDevice()
 */
export function useJoinDevice(): JoinFlow {
  const client = useEchoContext('useJoinDevice')
  const start = useCallback((code: string, options?: JoinOptions) => client.join(code, options), [client])
  return useJoinFlow(start)
}
