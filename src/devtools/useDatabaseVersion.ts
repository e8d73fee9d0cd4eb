import { useCallback, useSyncExternalStore } from 'react'
import type { Space } from '../core/index.ts'

/**
 * The database's change counter, so a component re-renders on every local or remote change of
 * the space (the devtools' object tree is live). 0 for no space.
 *
 * @example useDatabaseVersion(space); const snap = space.db.snapshotOf(id)
 */
export function useDatabaseVersion(space: Space | undefined): number {
  const db = space && space.status !== 'closed' ? space.db : undefined
  const subscribe = useCallback((notify: () => void) => (db ? db.subscribe(() => notify()) : () => {}), [db])
  const read = () => (db && db.status !== 'closed' ? db.version : 0)
  return useSyncExternalStore(subscribe, read, read)
}
