import type * as A from '@automerge/automerge'
import type { ChangeFeed } from './ChangeFeed.ts'
import { bucketOf, objectIdsIn, type DataDoc } from './DataDoc.ts'
import { creationClock } from './HybridClock.ts'
import type { EchoObject } from './LiveObject.ts'
import { createdAtOf, createdTickOf } from './ObjectMeta.ts'
import { isDropped, readRemoteField, readRemoteKey, readRemoteObject } from './remoteValues.ts'
import { snapshotKeyOf, snapshotKeyOrder, snapshotKeys } from './storedMeta.ts'
import { plainEqual } from './values.ts'

/** A top-level field of an object as a remote change sets it (a plain scalar). */
export interface RemoteField {
  id: string
  key: string
  raw: unknown
}

/** One object in the read model: its plain snapshot, plus caches of its live views. */
export interface Entry {
  /** Plain snapshot; replaced (never mutated) on change, so identity tells what changed. */
  snap: Record<string, unknown>
  /** The object's live proxy, made on first read and kept so its identity is stable. */
  live?: EchoObject
  /** Live proxies of nested values, dropped whenever the snapshot is replaced. */
  nested?: Map<string, unknown>
}

/**
 * The materialised read model of a data document: one plain snapshot per object, an index by
 * `@type` and the ids of removed objects. Reads never walk Automerge proxies; local writes
 * update it directly, remote changes through {@link ReadModel.applyPatches}. Every change it
 * applies from the document is recorded in the {@link ChangeFeed}.
 */
export class ReadModel {
  #entries = new Map<string, Entry>()
  #byType = new Map<string, Set<string>>()
  #removed = new Set<string>()
  readonly #feed: ChangeFeed
  #invalid = 0
  /** The object being read from the document, so an invalid value can name it (for devtools). */
  #reading = ''
  #recentInvalid: { at: number; objectId: string }[] = []
  readonly #countInvalid = () => {
    this.#invalid++
    this.#recentInvalid.push({ at: Date.now(), objectId: this.#reading })
    if (this.#recentInvalid.length > 50) this.#recentInvalid.shift()
  }

  constructor(feed: ChangeFeed) {
    this.#feed = feed
  }

  /** Fields read from the document and left out as invalid (see remoteValues), so far. */
  get invalidValues(): number {
    return this.#invalid
  }

  /** The last 50 times an invalid value was left out, oldest first (a copy). */
  recentInvalid(): { at: number; objectId: string }[] {
    return this.#recentInvalid.slice()
  }

  /** Number of objects (not deleted). */
  get size(): number {
    return this.#entries.size
  }

  /** Ids of every object. */
  ids(): IterableIterator<string> {
    return this.#entries.keys()
  }

  /** Ids of the objects whose `@type` is `type` (undefined when there are none yet). */
  idsOfType(type: string): ReadonlySet<string> | undefined {
    return this.#byType.get(type)
  }

  /** True when the object exists (not removed). */
  has(id: string): boolean {
    return this.#entries.has(id)
  }

  /** The entry of an object, whose live-view caches the core fills in. */
  entry(id: string): Entry | undefined {
    return this.#entries.get(id)
  }

  /** Plain snapshot of an object; same identity while the object is unchanged. */
  snapshotOf(id: string): Readonly<Record<string, unknown>> | undefined {
    return this.#entries.get(id)?.snap
  }

  /** True for an object that existed here and was removed (for a clearer NOT_FOUND message). */
  isRemoved(id: string): boolean {
    return this.#removed.has(id)
  }

  /** The cache of live nested values of an object, or undefined when it does not exist. */
  nestedCache(id: string): Map<string, unknown> | undefined {
    const entry = this.#entries.get(id)
    if (!entry) return undefined
    return (entry.nested ??= new Map())
  }

  /** Adds a new object. */
  set(id: string, snap: Record<string, unknown>): void {
    this.#entries.set(id, { snap })
    this.#indexType(id, undefined, snap['@type'])
    // Objects made here after seeing this one must sort after it (hybrid logical clock).
    creationClock.observe(createdAtOf(snap), createdTickOf(snap))
  }

  /** Replaces the snapshot of an existing object. */
  update(id: string, snap: Record<string, unknown>): void {
    const entry = this.#entries.get(id)!
    const before = entry.snap['@type']
    entry.snap = snap
    entry.nested?.clear()
    if (before !== snap['@type']) this.#indexType(id, before, snap['@type'])
  }

  /** Removes an object and remembers that it was removed. */
  remove(id: string): void {
    const entry = this.#entries.get(id)
    if (entry) {
      this.#indexType(id, entry.snap['@type'], undefined)
      this.#entries.delete(id)
    }
    this.#removed.add(id)
  }

  /** Every object's snapshot, for a saved copy of the read model (see WarmStart). */
  exportEntries(): [string, Record<string, unknown>][] {
    const out: [string, Record<string, unknown>][] = []
    for (const [id, entry] of this.#entries) out.push([id, entry.snap])
    return out
  }

  /**
   * Fills an empty read model from a saved copy that was built from the very document about to
   * load (see WarmStart), with the number of invalid values found when it was built.
   */
  importEntries(entries: readonly [string, Record<string, unknown>][], invalidValues: number): void {
    for (const [id, snap] of entries) {
      if (this.#entries.has(id)) continue
      this.set(id, snap)
      this.#feed.record(id, null)
    }
    this.#invalid += invalidValues
  }

  /**
   * Makes every object what `doc` holds, after the model was filled from a saved copy: objects
   * that match keep their snapshots (no change is recorded), any other is corrected. `skip`
   * names objects with local writes pending (refreshed once those are committed).
   */
  refreshAll(doc: A.Doc<DataDoc>, skip: (id: string) => boolean): void {
    for (const id of new Set([...this.#entries.keys(), ...objectIdsIn(doc)])) {
      if (!skip(id)) this.refresh(doc, id, null)
    }
  }

  /**
   * Materialises every object of `doc` not known yet. `skip` names objects with local writes
   * still pending: they are refreshed once those writes are committed.
   */
  loadAll(doc: A.Doc<DataDoc>, skip: (id: string) => boolean): void {
    const objects = doc?.objects
    if (!objects || typeof objects !== 'object') return
    for (const bucket of Object.keys(objects)) {
      const map = objects[bucket]
      if (!map || typeof map !== 'object') continue
      for (const id of Object.keys(map)) {
        if (this.#entries.has(id) || skip(id)) continue
        const raw = map[id]
        if (!raw || typeof raw !== 'object' || Array.isArray(raw)) continue
        this.#reading = id
        this.set(id, readRemoteObject(raw, this.#countInvalid))
        this.#feed.record(id, null)
      }
    }
  }

  /**
   * Applies a remote change: refreshes every object its patches touched. `pending` tells which
   * keys of an object have local writes not committed yet (null: the whole object); those are
   * skipped, since they are refreshed after our commit lands on top.
   */
  applyPatches(
    doc: A.Doc<DataDoc>,
    patches: readonly A.Patch[],
    pending: (id: string) => ReadonlySet<string> | null | undefined,
  ): void {
    const touched = new Map<string, Set<string> | null>()
    let reload = false
    for (const patch of patches) {
      const path = patch.path
      if (path[0] !== 'objects') continue
      if (path.length < 3) {
        // A whole bucket (or all objects) changed: which objects, only a full pass can tell.
        reload = true
        continue
      }
      const id = String(path[2])
      if (path.length === 3) touched.set(id, null)
      else {
        // Snapshot keys: a flat meta key (`@meta.createdAt`) refreshes `@meta`.
        const key = snapshotKeyOf(String(path[3]))
        const keys = touched.get(id)
        if (keys === undefined) touched.set(id, new Set([key]))
        else if (keys !== null) keys.add(key)
      }
    }
    if (reload) {
      for (const id of new Set([...this.#entries.keys(), ...objectIdsIn(doc)])) touched.set(id, null)
    }
    for (const [id, keys] of touched) {
      const local = pending(id)
      if (local === null) continue
      if (local && keys) {
        for (const k of local) keys.delete(k)
        if (!keys.size) continue
      }
      this.refresh(doc, id, keys)
    }
  }

  /**
   * Makes the snapshot of `id` what `doc` holds, for the given top-level keys (null: the whole
   * object; a stored flat meta key stands for `@meta`). Unchanged values keep their identity, so
   * queries and views see no change.
   */
  refresh(doc: A.Doc<DataDoc>, id: string, keys: ReadonlySet<string> | null): void {
    const raw = doc?.objects?.[bucketOf(id)]?.[id]
    const entry = this.#entries.get(id)
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      if (entry) {
        this.remove(id)
        this.#feed.record(id, null)
      }
      return
    }
    this.#reading = id
    if (!entry || keys === null) {
      const snap = readRemoteObject(raw, this.#countInvalid)
      if (entry && plainEqual(entry.snap, snap)) return
      if (entry) this.update(id, snap)
      else this.set(id, snap)
      this.#removed.delete(id)
      this.#feed.record(id, null)
      return
    }
    let next: Record<string, unknown> | undefined
    let reshaped = false
    for (const key of snapshotKeys(keys)) {
      const read = readRemoteKey(raw, key, this.#countInvalid)
      // A field left out as invalid reads as absent.
      const has = read !== undefined && !isDropped(read)
      const value = has ? read : undefined
      const had = Object.prototype.hasOwnProperty.call(entry.snap, key)
      if (has ? had && plainEqual(entry.snap[key], value) : !had) continue
      next ??= { ...entry.snap }
      if (has) next[key] = value
      else delete next[key]
      if (has !== had) reshaped = true
      this.#feed.record(id, key)
    }
    if (next && reshaped) {
      // Keys in document order, so every peer lists them alike.
      const ordered: Record<string, unknown> = {}
      for (const key of snapshotKeyOrder(raw)) if (Object.prototype.hasOwnProperty.call(next, key)) ordered[key] = next[key]
      next = ordered
    }
    if (!next && keys.size) {
      // Document order of the fields we hold (fields left out as invalid are not among them).
      const order = snapshotKeyOrder(raw).filter((key) => Object.prototype.hasOwnProperty.call(entry.snap, key))
      if (!sameKeyOrder(entry.snap, Object.fromEntries(order.map((key) => [key, 0])))) {
        next = {}
        for (const key of order) next[key] = entry.snap[key]
        this.#feed.record(id, null)
      }
    }
    if (next) this.update(id, next)
  }

  /**
   * Shows remote values of existing top-level fields before the document has them (see
   * space/ShownAhead.ts), read through the same checks as {@link ReadModel.refresh}. All or
   * nothing: false, and nothing changed, when a field is not one the object already has, is an
   * `@` key, or does not read as valid. Refreshing from the document afterwards makes it exact.
   */
  showFields(fields: readonly RemoteField[]): boolean {
    const next = new Map<string, Record<string, unknown>>()
    const changed: RemoteField[] = []
    for (const field of fields) {
      const { id, key } = field
      const snap = next.get(id) ?? this.#entries.get(id)?.snap
      if (!snap || key.startsWith('@') || !Object.prototype.hasOwnProperty.call(snap, key)) return false
      let invalid = false
      const value = readRemoteField(key, field.raw, () => (invalid = true))
      if (invalid || value === undefined || isDropped(value)) return false
      if (plainEqual(snap[key], value)) continue
      next.set(id, { ...snap, [key]: value })
      changed.push(field)
    }
    for (const [id, snap] of next) this.update(id, snap)
    for (const { id, key } of changed) this.#feed.record(id, key)
    return true
  }

  #indexType(id: string, before: unknown, after: unknown): void {
    if (typeof before === 'string') this.#byType.get(before)?.delete(id)
    if (typeof after === 'string') {
      let set = this.#byType.get(after)
      if (!set) this.#byType.set(after, (set = new Set()))
      set.add(id)
    }
  }
}

function sameKeyOrder(a: object, b: object): boolean {
  const ka = Object.keys(a)
  // Normalise through a plain object: JS lists integer-like keys first whatever the source order.
  const kb = Object.keys(Object.fromEntries(Object.keys(b).map((k) => [k, 0])))
  return ka.length === kb.length && ka.every((k, i) => k === kb[i])
}
