import { useCallback, useSyncExternalStore } from 'react'
import type { Space } from '../core/index.ts'
import { useEchoContext } from './EchoContext.ts'

/**
 * A space by id, or the identity's personal space when no id is given. Re-renders when the
 * space's name, members or status change. Undefined while there is no such space.
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
  // The space object is mutable; this key changes whenever what a render shows of it changes.
  const key = () => {
    const s = find()
    return s ? `${s.id}\u0000${s.status}\u0000${s.name}\u0000${s.members.length}\u0000${s.members.map((m) => m.role).join()}` : ''
  }
  useSyncExternalStore(subscribe, key, key)
  return find()
}
