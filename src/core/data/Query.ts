import type { QueryHooks } from './ChangeFeed.ts'
import { coreOf } from './coreOf.ts'
import type { Database } from './Database.ts'
import type { DatabaseCore } from './DatabaseCore.ts'
import type { EchoObject } from './LiveObject.ts'
import { compareCreatedTime, compareCreation } from './ObjectMeta.ts'
import type { InvalidObject, TypedCheck } from './TypeRegistry.ts'
import { valueAt } from './paths.ts'
import { convertValue, isRef, liveInfo, plainEqual } from './values.ts'

/**
 * What a query matches: an object of expected field values, or a predicate.
 * - keys are field names or dotted paths (`'address.city'`), plus `@type` and `@id`;
 * - a value matches by equality; a live object matches a reference to it; a function is a
 *   per-field predicate.
 *
 * @example { '@type': 'task', done: false, 'owner': person, priority: (p) => p > 2 }
 */
export type Filter<T = Record<string, unknown>> =
  | Record<string, unknown>
  | ((object: EchoObject<T & Record<string, unknown>>) => boolean)

/**
 * Sort by a field (`'title'`), descending with a leading `-` (`'-@meta.createdAt'`), several, or a
 * comparator. Ties, and queries without a sort, go by creation order (`@meta.createdAt`, then id).
 */
export type Sort<T = Record<string, unknown>> =
  | string
  | readonly string[]
  | ((a: EchoObject<T & Record<string, unknown>>, b: EchoObject<T & Record<string, unknown>>) => number)

/** Options of {@link Database.query}. */
export interface QueryOptions<T = Record<string, unknown>> {
  sort?: Sort<T> | undefined
}

/** A query's lifecycle, following its database. */
export type QueryStatus = 'loading' | 'ready' | 'closed'

/** Details given to query listeners: which result members changed. */
export interface QueryChange {
  /** True when objects entered, left or moved. */
  membership: boolean
  /** Ids of result objects whose content changed (and of those that entered/left). */
  changed: ReadonlySet<string>
}

type Matcher = (id: string, snap: Readonly<Record<string, unknown>>) => boolean
type Compare = (a: string, b: string) => number

/**
 * A live query over a space's objects. `objects` is a synchronous snapshot that keeps its
 * identity until the result changes (an object entered, left, moved, or a member changed).
 * While subscribed, a change is applied incrementally: only the changed objects are
 * re-evaluated, and listeners are not called when the result did not change.
 *
 * @example
 * const q = space.db.query({ '@type': 'task' }, { sort: 'title' })
 * const stop = q.subscribe(() => console.log(q.objects.length))
 */
export class Query<T extends object = Record<string, unknown>> {
  readonly #db: Database
  readonly #core: DatabaseCore
  readonly #match: Matcher
  readonly #compare: Compare
  readonly #type: string | undefined
  readonly #typed: TypedCheck | undefined
  #members = new Set<string>()
  #snaps = new Map<string, object>()
  /** Member ids in result order (the sort, else creation order): always kept sorted. */
  #sorted: string[] = []
  #snapshot: EchoObject<T>[] | null = null
  #dirty = new Set<string>()
  #changedIds = new Set<string>()
  #membershipChanged = false
  #seenVersion = -1
  #listeners = new Set<(change: QueryChange) => void>()
  #detach: (() => void) | undefined
  #unsubscribeStatus: (() => void) | undefined
  #evaluations = 0
  readonly #described: { filter: unknown; sort: unknown }
  // What the change feed calls while we are subscribed; closures, so they are not public methods.
  readonly #hooks: QueryHooks = {
    markDirty: (id) => {
      this.#dirty.add(id)
    },
    notifyIfChanged: () => {
      this.#update()
      if (this.#changedIds.size || this.#membershipChanged) this.#emit()
    },
    describe: () => ({ ...this.#described, listeners: this.#listeners.size, results: this.#members.size }),
  }

  /** Use {@link Database.query}. */
  constructor(db: Database, filter?: Filter, options?: QueryOptions, typed?: TypedCheck) {
    this.#db = db
    this.#core = coreOf(db)
    this.#described = { filter, sort: options?.sort }
    // A typed query (db.query(Type, ...)) matches its type's objects that pass the schema.
    this.#typed = typed
    const compiled = compileFilter(db, this.#core, typed ? withType(filter, typed.typename) : filter)
    this.#match = typed ? (id, snap) => compiled.match(id, snap) && typed.accept(id, snap) : compiled.match
    this.#type = compiled.type
    // Without a sort: creation order (@meta.createdAt, ties by id), the same on every peer.
    const model = this.#core.read
    this.#compare = compileSort(db, this.#core, options?.sort) ?? ((a, b) => compareCreation(a, model.snapshotOf(a), b, model.snapshotOf(b)))
  }

  /** The current result, as live objects. Same array identity until the result changes. */
  get objects(): EchoObject<T>[] {
    this.#update()
    if (this.#snapshot) return this.#snapshot
    const ids = this.#sorted
    const out: EchoObject<T>[] = []
    for (let i = 0; i < ids.length; i++) {
      const live = this.#core.liveOf(ids[i]!)
      if (live) out.push(live as EchoObject<T>)
    }
    return (this.#snapshot = out)
  }

  /**
   * Of a typed query: the objects of its type (matching the filter) that fail the schema, with
   * why. Left out of `objects` unless the query was made with `includeInvalid`. Empty otherwise.
   */
  get invalid(): InvalidObject[] {
    if (!this.#typed) return []
    void this.objects
    return this.#typed.invalid()
  }

  /** Same as {@link Query.objects}, for `useSyncExternalStore`-style consumers. */
  getSnapshot = (): EchoObject<T>[] => this.objects

  /** 'loading' until the space's data is available. */
  get status(): QueryStatus {
    return this.#db.status
  }

  /** How many single-object evaluations this query has run (for tests and benchmarks). */
  get evaluations(): number {
    return this.#evaluations
  }

  /**
   * Calls `listener` after the result changed. Returns the unsubscribe function.
   *
   * @example const stop = q.subscribe(({ membership }) => membership && relayout())
   */
  subscribe = (listener: (change: QueryChange) => void): (() => void) => {
    if (this.#listeners.size === 0) {
      this.#update()
      this.#detach = this.#core.feed.attachQuery(this.#hooks)
      this.#unsubscribeStatus = this.#core.feed.subscribeStatus(() => {
        this.#membershipChanged = true
        this.#snapshot = null
        this.#emit()
      })
    }
    this.#listeners.add(listener)
    return () => {
      if (!this.#listeners.delete(listener) || this.#listeners.size) return
      this.#detach?.()
      this.#unsubscribeStatus?.()
      this.#detach = this.#unsubscribeStatus = undefined
    }
  }

  #emit(): void {
    const change: QueryChange = { membership: this.#membershipChanged, changed: this.#changedIds }
    this.#changedIds = new Set()
    this.#membershipChanged = false
    for (const l of [...this.#listeners]) l(change)
  }

  #update(): void {
    if (this.#listeners.size === 0 || this.#seenVersion === -1) {
      // Not attached: recompute when the database moved on since we last looked.
      if (this.#seenVersion !== this.#core.feed.version || this.#dirty.size) this.#runAll()
      return
    }
    if (!this.#dirty.size) return
    const dirty = this.#dirty
    this.#dirty = new Set()
    for (const id of dirty) this.#evaluate(id)
  }

  #runAll(): void {
    this.#dirty.clear()
    const model = this.#core.read
    const prevOrder = this.#sorted
    const prevSnaps = this.#snaps
    const members = new Set<string>()
    const snaps = new Map<string, object>()
    const order: string[] = []
    const candidates = this.#type !== undefined ? model.idsOfType(this.#type) ?? [] : model.ids()
    for (const id of candidates) {
      const snap = model.snapshotOf(id)
      this.#evaluations++
      if (snap && this.#match(id, snap)) {
        members.add(id)
        snaps.set(id, snap)
        order.push(id)
      }
    }
    this.#members = members
    this.#snaps = snaps
    this.#sorted = order.sort(this.#compare)
    const after = this.#sorted
    this.#seenVersion = this.#core.feed.version
    // The snapshot keeps its identity unless members, their order or their content changed.
    let changed = prevOrder.length !== after.length
    for (let i = 0; !changed && i < after.length; i++) {
      const id = after[i]!
      changed = id !== prevOrder[i] || prevSnaps.get(id) !== snaps.get(id)
    }
    if (changed) this.#snapshot = null
  }

  #evaluate(id: string): void {
    const snap = this.#core.read.snapshotOf(id)
    this.#evaluations++
    const matches = !!snap && this.#match(id, snap)
    const was = this.#members.has(id)
    this.#seenVersion = this.#core.feed.version
    if (!matches && !was) return
    if (matches && was && this.#snaps.get(id) === snap) return
    if (matches) this.#snaps.set(id, snap!)
    else this.#snaps.delete(id)
    this.#snapshot = null
    this.#changedIds.add(id)
    if (matches && !was) {
      this.#members.add(id)
      insertSorted(this.#sorted, id, this.#compare)
      this.#membershipChanged = true
    } else if (!matches && was) {
      this.#members.delete(id)
      this.#sorted.splice(this.#sorted.indexOf(id), 1)
      this.#membershipChanged = true
    } else {
      // Still a member: move it if its sort position changed.
      const at = this.#sorted.indexOf(id)
      const cmp = this.#compare
      const prev = at > 0 ? this.#sorted[at - 1] : undefined
      const next = at < this.#sorted.length - 1 ? this.#sorted[at + 1] : undefined
      if ((prev !== undefined && cmp(prev, id) > 0) || (next !== undefined && cmp(id, next) > 0)) {
        this.#sorted.splice(at, 1)
        insertSorted(this.#sorted, id, cmp)
        this.#membershipChanged = true
      }
    }
  }
}

function insertSorted(list: string[], id: string, compare: Compare): void {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (compare(list[mid]!, id) <= 0) lo = mid + 1
    else hi = mid
  }
  list.splice(lo, 0, id)
}

// `db` for the public reads a predicate sees (get throws CLOSED once closed); `core` for counters.
function compileFilter(db: Database, core: DatabaseCore, filter: Filter | undefined): { match: Matcher; type?: string } {
  if (filter === undefined || filter === null) return { match: () => true }
  if (typeof filter === 'function') {
    return {
      match: (id) => {
        const live = db.get(id)
        try {
          return !!live && !!(filter as (o: EchoObject) => boolean)(live)
        } catch {
          // An app predicate that throws on one object (say, a field a half-synced object lacks)
          // leaves that object out instead of breaking the whole result; counted in db.stats().
          core.countFilterError()
          return false
        }
      },
    }
  }
  if (typeof filter !== 'object') return { match: () => false }
  const checks: Matcher[] = []
  let type: string | undefined
  for (const key of Object.keys(filter)) {
    const expected = (filter as Record<string, unknown>)[key]
    if (key === '@id') {
      checks.push((id) => id === expected)
      continue
    }
    if (key === '@type' && typeof expected === 'string') type = expected
    const path = key.split('.')
    if (typeof expected === 'function') {
      const pred = expected as (v: unknown) => boolean
      checks.push((id, snap) => {
        try {
          return !!pred(readLive(db, valueAt(snap, path)))
        } catch {
          // As for a whole-object predicate: the object does not match; counted in db.stats().
          core.countFilterError()
          return false
        }
      })
      continue
    }
    const target = liveInfo(expected)
    if (target && target.path.length === 0) {
      checks.push((_id, snap) => {
        const v = valueAt(snap, path)
        return isRef(v) && v['@ref'] === target.id
      })
      continue
    }
    if (expected !== null && typeof expected === 'object') {
      let plain: unknown
      try {
        plain = convertValue(expected, db.spaceId).plain
      } catch {
        // A value that cannot be stored (a Date, a cycle, a Map...) equals no stored value.
        return { match: () => false }
      }
      checks.push((_id, snap) => plainEqual(valueAt(snap, path), plain))
      continue
    }
    checks.push((_id, snap) => valueAt(snap, path) === expected)
  }
  return {
    type,
    match: (id, snap) => {
      for (let i = 0; i < checks.length; i++) if (!checks[i]!(id, snap)) return false
      return true
    },
  }
}

function withType(filter: Filter | undefined, typename: string): Filter {
  if (typeof filter === 'function') return (o) => o['@type'] === typename && filter(o)
  return { ...filter, '@type': typename }
}

function readLive(db: Database, value: unknown): unknown {
  return isRef(value) ? db.get(value['@ref']) : value
}

function compileSort(db: Database, core: DatabaseCore, sort: Sort | undefined): Compare | undefined {
  if (sort === undefined) return undefined
  if (typeof sort === 'function') {
    return (a, b) => {
      const la = db.get(a)
      const lb = db.get(b)
      const r = la && lb ? sort(la, lb) : 0
      return r || compareCreation(a, core.read.snapshotOf(a), b, core.read.snapshotOf(b))
    }
  }
  const keys = (typeof sort === 'string' ? [sort] : [...sort]).map((k) => {
    const desc = k.startsWith('-')
    return { path: (desc ? k.slice(1) : k).split('.'), dir: desc ? -1 : 1 }
  })
  const model = core.read
  return (a, b) => {
    const sa = model.snapshotOf(a)
    const sb = model.snapshotOf(b)
    for (const { path, dir } of keys) {
      // '@meta.createdAt' sorts by the whole creation time (its tick orders one millisecond).
      const r = path.length === 2 && path[0] === '@meta' && path[1] === 'createdAt' ? compareCreatedTime(sa, sb) : compareValues(valueAt(sa, path), valueAt(sb, path))
      if (r) return r * dir
    }
    // Ties break by creation order, then id, so every peer shows the same order.
    return compareCreation(a, sa, b, sb)
  }
}

const TYPE_ORDER: Record<string, number> = { undefined: 0, boolean: 1, number: 2, string: 3, object: 4 }

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0
  const ta = a === null ? 'undefined' : typeof a
  const tb = b === null ? 'undefined' : typeof b
  if (ta !== tb) return (TYPE_ORDER[ta] ?? 5) - (TYPE_ORDER[tb] ?? 5)
  if (ta === 'string') return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0
  if (ta === 'number' || ta === 'boolean') return Number(a) - Number(b)
  return 0
}
