import { useSyncExternalStore } from 'react'
import type { Identity } from '../core/index.ts'
import { useEchoContext } from './EchoContext.ts'

/**
 * This device's identity (`{ identityKey, deviceKey, displayName }`), or null before one exists.
 *
 * @example
 * const me = useIdentity()
 * return me ? <p>Hello {me.displayName}</p> : <CreateIdentity />
 */
export function useIdentity(): Identity | null {
  const client = useEchoContext('useIdentity')
  const get = () => client.getSnapshot().identity
  return useSyncExternalStore(client.subscribe, get, get)
}
