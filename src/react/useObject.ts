import { useCallback, useMemo, useRef, useSyncExternalStore } from 'react'
import { getObjectId, type AnyEchoType, type EchoObject, type FieldsOf, type Space } from '../core/index.ts'
import { useEchoContext } from './EchoContext.ts'
import { Tracker } from './tracking.ts'

/**
 * One live object by id (or from a live object), re-rendering only when a field this component
 * read changes. Undefined while the object does not exist (not synced yet, or removed).
 *
 * @example
 * function Row({ space, id }) {
 *   const task = useObject(space, id)
 *   if (!task) return null
 *   return <label><input type="checkbox" checked={task.done} onChange={() => (task.done = !task.done)} />{task.title}</label>
 * }
 * @example const task = useObject(space, id, Task) // typed; undefined when not a valid Task
 */
export function useObject<T extends AnyEchoType>(space: Space | undefined, idOrObject: string | EchoObject<FieldsOf<T>> | undefined, type: T): EchoObject<FieldsOf<T>> | undefined
export function useObject<T extends object = Record<string, unknown>>(space: Space | undefined, id: string | undefined): EchoObject<T> | undefined
export function useObject<T extends object>(space: Space | undefined, object: EchoObject<T> | undefined): EchoObject<T> | undefined
export function useObject<T extends Record<string, unknown> = Record<string, unknown>>(space: Space | undefined, idOrObject: string | EchoObject<T> | undefined): EchoObject<T> | undefined
export function useObject<T extends object>(space: Space | undefined, idOrObject: string | EchoObject<T> | undefined, type?: AnyEchoType): EchoObject<T> | undefined {
  useEchoContext('useObject')
  const id = typeof idOrObject === 'string' ? idOrObject : idOrObject ? getObjectId(idOrObject) : undefined
  const db = space?.status === 'closed' ? undefined : space?.db
  const notifyRef = useRef<(() => void) | undefined>(undefined)
  const tracker = useMemo(() => (db ? new Tracker(db, () => notifyRef.current?.()) : undefined), [db])

  const subscribe = useCallback(
    (notify: () => void) => {
      if (!db || !id || !tracker) return () => {}
      notifyRef.current = notify
      // Existence changes (added by a peer, removed) matter even before any field was read.
      const off = db.subscribeObject(id, (keys) => keys === null && notify())
      tracker.start()
      if (tracker.stale()) notify()
      return () => {
        off()
        tracker.stop()
        if (notifyRef.current === notify) notifyRef.current = undefined
      }
    },
    [db, id, tracker],
  )
  const getSnapshot = () => {
    if (!db || !id || !tracker || db.status === 'closed') return undefined
    const live = (type ? db.get(id, type) : db.get(id)) as EchoObject<T> | undefined
    return live ? tracker.view(live) : undefined
  }
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot)
}
