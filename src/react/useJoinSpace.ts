import { useCallback } from 'react'
import type { JoinOptions } from '../core/index.ts'
import { useEchoContext } from './EchoContext.ts'
import { useJoinFlow, type JoinFlow } from './useInvitationFlow.ts'

/**
 * Guest side of a space invitation: `join(code)`, then `authenticate(pin)`. Errors (a bad or
 * expired code, a wrong PIN with `attemptsLeft`) come back as data, never thrown.
 *
 * @example
 * const { state, error, attemptsLeft, space, join, authenticate } = useJoinSpace()
 */
export function useJoinSpace(): JoinFlow {
  const client = useEchoContext('useJoinSpace')
  const start = useCallback((code: string, options?: JoinOptions) => client.join(code, options), [client])
  return useJoinFlow(start)
}
