import { getObjectId, type Database, type EchoObject } from '../core/index.ts'

function isRef(value: unknown): value is { '@ref': string } {
  return value !== null && typeof value === 'object' && typeof (value as { '@ref'?: unknown })['@ref'] === 'string'
}

interface Entry {
  snap: unknown
  view: EchoObject
  keys: Set<string | symbol>
  all: boolean
  /** Objects this one references and a render read through it: id -> snapshot seen. */
  deps: Map<string, unknown>
  off?: (() => void) | undefined
  depOffs: Map<string, () => void>
}

/**
 * Render tracking for fine-grained updates (the valtio/signals idea): each object handed to a
 * component is a per-version view that records which top-level fields were read, through any
 * component it was passed to. A change re-renders the hook's owner only when a field that was
 * read changed; the changed object then gets a new view, so memoised children that received it
 * re-render too, and nobody else does.
 */
export class Tracker {
  readonly #db: Database
  readonly #onAffected: () => void
  #entries = new Map<string, Entry>()
  #active = false

  constructor(db: Database, onAffected: () => void) {
    this.#db = db
    this.#onAffected = onAffected
  }

  /** A tracked view of `live` for its current version (same view while the object is unchanged). */
  view<T extends object>(live: EchoObject<T>): EchoObject<T> {
    const id = live['@id']
    const snap = this.#db.snapshotOf(id)
    const entry = this.#entries.get(id)
    if (entry && entry.snap === snap && this.#depsUnchanged(entry)) return entry.view as EchoObject<T>
    if (entry) this.#unlisten(entry)
    const next: Entry = { snap, keys: new Set(), all: false, deps: new Map(), depOffs: new Map(), view: undefined as never }
    next.view = this.#makeView(live, next)
    this.#entries.set(id, next)
    if (this.#active) this.#listen(id, next)
    return next.view as EchoObject<T>
  }

  /** Starts listening for changes of every object viewed so far (and later). */
  start(): void {
    this.#active = true
    for (const [id, entry] of this.#entries) this.#listen(id, entry)
  }

  /** Stops listening; views keep working. */
  stop(): void {
    this.#active = false
    for (const entry of this.#entries.values()) this.#unlisten(entry)
  }

  /** True when some viewed object changed since its view was made (missed while not listening). */
  stale(): boolean {
    for (const [id, entry] of this.#entries) if (this.#db.snapshotOf(id) !== entry.snap || !this.#depsUnchanged(entry)) return true
    return false
  }

  /** Forgets views of objects not in `keep` (e.g. that left a query's result). */
  prune(keep: ReadonlySet<string>): void {
    for (const [id, entry] of this.#entries) {
      if (keep.has(id)) continue
      this.#unlisten(entry)
      this.#entries.delete(id)
    }
  }

  #depsUnchanged(entry: Entry): boolean {
    for (const [depId, seen] of entry.deps) if (this.#db.snapshotOf(depId) !== seen) return false
    return true
  }

  #unlisten(entry: Entry): void {
    entry.off?.()
    entry.off = undefined
    for (const off of entry.depOffs.values()) off()
    entry.depOffs.clear()
  }

  #listenDep(entry: Entry, depId: string): void {
    if (entry.depOffs.has(depId)) return
    entry.depOffs.set(
      depId,
      this.#db.subscribeObject(depId, () => {
        if (entry.deps.get(depId) !== this.#db.snapshotOf(depId)) this.#onAffected()
      }),
    )
  }

  #listen(id: string, entry: Entry): void {
    for (const depId of entry.deps.keys()) this.#listenDep(entry, depId)
    if (entry.off) return
    entry.off = this.#db.subscribeObject(id, (keys) => {
      if (this.#entries.get(id) !== entry) return
      if (keys === null || entry.all) return this.#onAffected()
      for (const k of keys) if (entry.keys.has(k)) return this.#onAffected()
    })
  }

  #makeView(live: EchoObject, entry: Entry): EchoObject {
    const tracker = this
    return new Proxy(live, {
      get(target, prop) {
        if (typeof prop === 'string') {
          entry.keys.add(prop)
          // A reference field: what this render shows depends on the target too (its fields,
          // or its absence once removed), so the target's changes must reach this view.
          const raw = (tracker.#db.snapshotOf(getObjectId(target)!) as Record<string, unknown> | undefined)?.[prop]
          if (isRef(raw)) {
            const depId = raw['@ref']
            entry.deps.set(depId, tracker.#db.snapshotOf(depId))
            if (tracker.#active) tracker.#listenDep(entry, depId)
          }
        }
        const value = Reflect.get(target, prop, target)
        // A reference read through a view is tracked too: its target's changes re-render us.
        if (value !== null && typeof value === 'object' && getObjectId(value) && value !== target) {
          const targetDb = tracker.#db
          if (targetDb.snapshotOf(getObjectId(value)!)) return tracker.view(value as EchoObject)
        }
        return value
      },
      has(target, prop) {
        if (typeof prop === 'string') entry.keys.add(prop)
        return Reflect.has(target, prop)
      },
      ownKeys(target) {
        entry.all = true
        return Reflect.ownKeys(target)
      },
      getOwnPropertyDescriptor(target, prop) {
        entry.all = true
        return Reflect.getOwnPropertyDescriptor(target, prop)
      },
      set(target, prop, value) {
        return Reflect.set(target, prop, value)
      },
      deleteProperty(target, prop) {
        return Reflect.deleteProperty(target, prop)
      },
    }) as EchoObject
  }
}
