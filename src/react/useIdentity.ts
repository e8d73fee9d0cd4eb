import { useCallback, useSyncExternalStore } from 'react'
import type { Identity } from '../core/index.ts'
import { useEchoContext } from './EchoContext.ts'

/**
 * This client's identity (`{ identityKey, deviceKey, displayName }`), or null before one exists.
 *
 * @example
 * const identity = useIdentity()
 * if (!identity) return <CreateIdentityForm />
 */
export function useIdentity(): Identity | null {
  const client = useEchoContext('useIdentity')
  const subscribe = useCallback((l: () => void) => client.subscribe(l), [client])
  return useSyncExternalStore(subscribe, () => client.identity, () => client.identity)
}
