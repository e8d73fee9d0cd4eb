import { useCallback, useSyncExternalStore } from 'react'
import type { Space, SyncStatus } from '../core/index.ts'
import { useEchoContext } from './EchoContext.ts'

const OFFLINE: SyncStatus = Object.freeze({ status: 'offline', peers: 0 })

/**
 * Sync status of a space: `{ status: 'offline' | 'syncing' | 'synced', peers }`.
 *
 * @example
 * const { status } = useSyncStatus(space)
 */
export function useSyncStatus(space: Space | undefined): SyncStatus {
  useEchoContext('useSyncStatus')
  const subscribe = useCallback((l: () => void) => (space ? space.sync.subscribe(l) : () => {}), [space])
  const get = () => space?.sync.getSnapshot() ?? OFFLINE
  return useSyncExternalStore(subscribe, get, get)
}
