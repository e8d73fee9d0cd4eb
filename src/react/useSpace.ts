import { useCallback, useSyncExternalStore } from 'react'
import type { Space, SpaceSnapshot } from '../core/index.ts'
import { useEchoContext } from './EchoContext.ts'
import { spaceView } from './spaceView.ts'

/**
 * A space by id, or the identity's personal space when no id is given. Undefined while there is
 * no such space. The value is a new object exactly when the space's name, members, role or
 * status change (so memoised children and `useMemo(..., [space])` see those changes); it acts
 * exactly like the space, and `space.db` stays the same object.
 *
 * @example
 * const space = useSpace(spaceId)
 * if (!space) return <p>No such space</p>
 * return <h1>{space.name}</h1>
 */
export function useSpace(id?: string): Space | undefined {
  const client = useEchoContext('useSpace')
  const find = useCallback(() => (id === undefined ? client.defaultSpace : client.getSpace(id)), [client, id])
  const subscribe = useCallback(
    (listener: () => void) => {
      let space = find()
      let offSpace = space?.subscribe(listener)
      const offClient = client.subscribe(() => {
        const next = find()
        if (next !== space) {
          offSpace?.()
          space = next
          offSpace = space?.subscribe(listener)
        }
        listener()
      })
      return () => {
        offClient()
        offSpace?.()
      }
    },
    [client, find],
  )
  const getSnapshot = (): SpaceSnapshot | undefined => find()?.getSnapshot()
  const snapshot = useSyncExternalStore(subscribe, getSnapshot, getSnapshot)
  const space = find()
  return space && snapshot ? spaceView(space, snapshot) : undefined
}
