import { useSyncExternalStore } from 'react'
import type { NetworkSnapshot } from '../core/index.ts'
import { useEchoContext } from './EchoContext.ts'

/**
 * The client's network: `{ status: 'offline' | 'connecting' | 'online', signaling, peers }`.
 *
 * @example
 * const { status, peers } = useNetworkStatus()
 * return <span>{status} · {peers} peers</span>
 */
export function useNetworkStatus(): NetworkSnapshot {
  const client = useEchoContext('useNetworkStatus')
  return useSyncExternalStore(client.network.subscribe, client.network.getSnapshot, client.network.getSnapshot)
}
