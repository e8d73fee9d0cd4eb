import { useCallback, useMemo, useRef, useSyncExternalStore } from 'react'
import { getObjectId, isEchoType, type AnyEchoType, type EchoObject, type FieldsOf, type Filter, type Query, type QueryOptions, type Space, type TypedFilter, type TypedQueryOptions } from '../core/index.ts'
import { useEchoContext } from './EchoContext.ts'
import { stableKey } from './stableKey.ts'
import { Tracker } from './tracking.ts'

const EMPTY: never[] = []

/**
 * Live query results. Objects are live: read fields straight in render and write to them in
 * handlers. Fine-grained: the component re-renders when the result set changes or when a field
 * it (or a child it passed the object to) read changes; other changes do not re-render it.
 * An inline filter object is fine: it is compared by content, not identity.
 *
 * With a type (see `defineType`) first: typed results, compiler-checked filter and sort keys,
 * and objects failing the schema left out (`{ includeInvalid: true }` keeps them).
 *
 * @example
 * const tasks = useQuery(space, { '@type': 'task', done: false }, { sort: 'title' })
 * return tasks.map((t) => <Row key={t['@id']} task={t} />)
 * @example const open = useQuery(space, Task, { done: false }, { sort: 'title' }) // typed
 */
export function useQuery<T extends AnyEchoType>(
  space: Space | undefined,
  type: T,
  filter?: NoInfer<TypedFilter<FieldsOf<T>>>,
  options?: NoInfer<TypedQueryOptions<FieldsOf<T>>>,
): EchoObject<FieldsOf<T>>[]
export function useQuery<T extends object = Record<string, unknown>>(space: Space | undefined, filter?: Filter<T>, options?: QueryOptions<T>): EchoObject<T>[]
export function useQuery<T extends object>(space: Space | undefined, ...args: unknown[]): EchoObject<T>[] {
  useEchoContext('useQuery')
  const type = isEchoType(args[0]) ? args[0] : undefined
  const filter = (type ? args[1] : args[0]) as Filter<T> | undefined
  const options = (type ? args[2] : args[1]) as (QueryOptions<T> & { includeInvalid?: boolean }) | undefined
  // Function filters/sorts: keep the latest closure; re-key only when their source changes.
  const filterFn = useRef(filter)
  filterFn.current = filter
  const sortFn = useRef(options?.sort)
  sortFn.current = options?.sort
  const key = `${stableKey(filter)}|${stableKey(options?.sort)}|${!!options?.includeInvalid}`
  const db = space?.status === 'closed' ? undefined : space?.db
  const query = useMemo(() => {
    if (!db) return undefined
    const f = typeof filter === 'function' ? (o: EchoObject<T>) => (filterFn.current as (o: EchoObject<T>) => boolean)(o) : filter
    const s = options?.sort
    const sort = typeof s === 'function' ? (a: EchoObject<T>, b: EchoObject<T>) => (sortFn.current as (a: EchoObject<T>, b: EchoObject<T>) => number)(a, b) : s
    if (type) return db.query(type as AnyEchoType, f as TypedFilter<object>, { sort: sort as TypedQueryOptions<object>['sort'], includeInvalid: options?.includeInvalid }) as unknown as Query<T>
    return db.query<T>(f as Filter, { sort: sort as QueryOptions['sort'] })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, key, type])

  const state = useRef<{ version: number; built: number; views: EchoObject<T>[]; tracker?: Tracker; db?: unknown; notify?: () => void }>({
    version: 0,
    built: -1,
    views: EMPTY,
  })
  const s = state.current
  if (s.db !== db) {
    s.tracker?.stop()
    s.db = db
    s.tracker = db ? new Tracker(db, () => bump()) : undefined
    s.built = -1
  }
  const bump = () => {
    s.version++
    s.notify?.()
  }

  const subscribe = useCallback(
    (notify: () => void) => {
      if (!query) return () => {}
      s.notify = notify
      const off = query.subscribe((change) => change.membership && bump())
      s.tracker?.start()
      // Anything that changed between render and subscribe must not be missed.
      if (s.tracker?.stale() || query.objects.length !== s.views.length) bump()
      return () => {
        off()
        s.tracker?.stop()
        if (s.notify === notify) s.notify = undefined
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [query],
  )

  const getSnapshot = () => {
    if (!query || !s.tracker) return EMPTY as EchoObject<T>[]
    if (s.built !== s.version || (s.built === -1)) {
      const objects = query.objects
      const tracker = s.tracker
      s.views = objects.map((o) => tracker.view(o))
      tracker.prune(new Set(objects.map((o) => getObjectId(o)!)))
      s.built = s.version
    }
    return s.views
  }
  // A new query (new filter) starts from a fresh build.
  const lastQuery = useRef(query)
  if (lastQuery.current !== query) {
    lastQuery.current = query
    s.built = -1
    s.version++
  }
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot)
}
