import * as A from '@automerge/automerge'
import type { DocHandle, DocHandleChangePayload } from '@automerge/automerge-repo'
import { EchoError } from '../shared/index.ts'
import { createLiveObject, type EchoObject } from './LiveObject.ts'
import { bucketOf, setAt, valueAt, type Path } from './paths.ts'
import { Query, type Filter, type QueryOptions } from './Query.ts'
import { randomId } from '../shared/index.ts'
import { TextHandle } from './TextHandle.ts'
import { convertField, convertObject, convertValue, isRef, liveInfo, materialize, plainEqual } from './values.ts'

/** The data document of a space: objects spread over 256 buckets by the first byte of their id. */
export interface DataDoc {
  name?: unknown
  objects: Record<string, Record<string, Record<string, unknown>>>
}

/** Lifecycle of a database: loading until its document is available. */
export type DatabaseStatus = 'loading' | 'ready' | 'closed'

/** What changed in one notification: per object id, the top-level keys (null: the whole object). */
export type ChangeSet = ReadonlyMap<string, ReadonlySet<string> | null>

interface Entry {
  snap: Record<string, unknown>
  live?: EchoObject
  nested?: Map<string, unknown>
}

type Op = (doc: DataDoc) => void

/**
 * A space's object database: add, get, remove, query, flush.
 *
 * Reads come from a materialised read model (plain JS, updated incrementally from Automerge
 * patches), so queries never walk Automerge proxies. Writes update the read model at once and
 * are committed to Automerge together at the end of the current task (one change per tick, which
 * is what keeps a burst of writes cheap); `flush()` commits and waits until they are on disk.
 *
 * @example
 * const task = space.db.add({ '@type': 'task', title: 'Buy milk', done: false })
 * task.done = true
 * const open = space.db.query({ '@type': 'task', done: false })
 * await space.db.flush()
 */
export class Database {
  /** Space this database belongs to. */
  readonly spaceId: string
  #handle: DocHandle<DataDoc> | undefined
  #status: DatabaseStatus = 'loading'
  #entries = new Map<string, Entry>()
  #byType = new Map<string, Set<string>>()
  #removed = new Set<string>()
  #pending: Op[] = []
  #pendingKeys = new Map<string, Set<string> | null>()
  #commitScheduled = false
  #committing = false
  #changes = new Map<string, Set<string> | null>()
  #queries = new Set<Query>()
  #objectListeners = new Map<string, Set<(keys: ReadonlySet<string> | null) => void>>()
  #listeners = new Set<(changes: ChangeSet) => void>()
  #statusListeners = new Set<() => void>()
  #version = 0
  #flushStorage: () => Promise<void>
  #onDocChange: ((doc: A.Doc<DataDoc>, patches: A.Patch[]) => void) | undefined
  #offChange: (() => void) | undefined
  /** Writes from peers that could not be applied (counted, never thrown). */
  droppedOps = 0

  constructor(spaceId: string, options: { flushStorage?: () => Promise<void>; onDocChange?: (doc: A.Doc<DataDoc>, patches: A.Patch[]) => void } = {}) {
    this.spaceId = spaceId
    this.#flushStorage = options.flushStorage ?? (async () => {})
    this.#onDocChange = options.onDocChange
  }

  /** 'loading' until the space's data has arrived, then 'ready'; 'closed' after leave/close. */
  get status(): DatabaseStatus {
    return this.#status
  }

  /** Increments on every change (local or remote); a cheap staleness check for snapshots. */
  get version(): number {
    return this.#version
  }

  /** Live subscriptions on this database (object listeners, attached queries, listeners); for leak checks. */
  get listenerCount(): number {
    let n = this.#listeners.size + this.#queries.size
    for (const set of this.#objectListeners.values()) n += set.size
    return n
  }

  /** Number of objects (not deleted). */
  get size(): number {
    return this.#entries.size
  }

  /** @internal Binds the Automerge document once it is available. */
  attach(handle: DocHandle<DataDoc>): void {
    if (this.#status === 'closed') return
    this.#handle = handle
    const onChange = (payload: DocHandleChangePayload<DataDoc>) => this.#onRemoteChange(payload)
    handle.on('change', onChange)
    this.#offChange = () => handle.off('change', onChange)
    this.#loadAll(handle.doc())
    this.#status = 'ready'
    this.#settle()
    for (const l of [...this.#statusListeners]) l()
  }

  /** @internal Stops listening; further use throws CLOSED. */
  detach(): void {
    if (this.#status === 'closed') return
    this.#commit()
    this.#offChange?.()
    this.#status = 'closed'
    for (const l of [...this.#statusListeners]) l()
  }

  /**
   * Adds an object and returns it live. The value is checked first (plain JSON, reserved `@`
   * keys, references to live objects of this space, {@link text} fields); a refused value
   * throws {@link EchoError} and writes nothing.
   *
   * @example const person = space.db.add({ '@type': 'person', name: 'Ada' })
   */
  add<T extends Record<string, unknown>>(value: T): EchoObject<T> {
    this.#assertOpen()
    const { doc, plain } = convertObject(value, this.spaceId)
    const id = randomId()
    this.#setEntry(id, plain)
    this.#enqueue(id, null, (d) => {
      const bucket = (d.objects[bucketOf(id)] ??= {})
      bucket[id] = doc as Record<string, unknown>
    })
    this.#record(id, null)
    return this.get(id) as EchoObject<T>
  }

  /**
   * The live object with this id, or undefined when there is none (never added, removed, or
   * not synced yet).
   *
   * @example const task = space.db.get(id)
   */
  get<T extends Record<string, unknown> = Record<string, unknown>>(id: string): EchoObject<T> | undefined {
    this.#assertOpen()
    const entry = typeof id === 'string' ? this.#entries.get(id) : undefined
    if (!entry) return undefined
    return (entry.live ??= createLiveObject(this, id)) as EchoObject<T>
  }

  /**
   * Removes an object everywhere: it leaves every query, references to it read as undefined.
   * Throws `NOT_FOUND` for an unknown id.
   *
   * @example space.db.remove(task)
   */
  remove(objectOrId: EchoObject | string): void {
    this.#assertOpen()
    const id = typeof objectOrId === 'string' ? objectOrId : liveInfo(objectOrId)?.id
    if (!id || !this.#entries.has(id)) {
      throw new EchoError('NOT_FOUND', `no object '${String(id)}' in this space`)
    }
    this.#deleteEntry(id)
    this.#removed.add(id)
    this.#enqueue(id, null, (d) => {
      delete d.objects[bucketOf(id)]?.[id]
    })
    this.#record(id, null)
  }

  /**
   * A live query. `filter` is an object of field values (dotted paths for nested fields, live
   * objects for references, functions as per-field predicates) or a predicate over the object.
   *
   * @example
   * const q = space.db.query({ '@type': 'task', done: false }, { sort: 'title' })
   * const stop = q.subscribe(() => render(q.objects))
   */
  query<T extends Record<string, unknown> = Record<string, unknown>>(filter?: Filter, options?: QueryOptions): Query<T> {
    this.#assertOpen()
    return new Query<T>(this, filter, options)
  }

  /**
   * Commits pending writes and resolves once they are durable in storage.
   *
   * @example task.done = true; await space.db.flush()
   */
  async flush(): Promise<void> {
    this.#assertOpen()
    this.#commit()
    try {
      await this.#flushStorage()
    } catch (error) {
      throw new EchoError('STORAGE_FAILED', `could not write to storage: ${(error as Error)?.message}`, { cause: error })
    }
  }

  /**
   * Listens to every change in this database (local and remote); the listener gets the set of
   * changed object ids. Returns the unsubscribe function.
   *
   * @example const stop = space.db.subscribe((changes) => console.log(changes.size))
   */
  subscribe(listener: (changes: ChangeSet) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** @internal Listens to status changes. */
  subscribeStatus(listener: () => void): () => void {
    this.#statusListeners.add(listener)
    return () => this.#statusListeners.delete(listener)
  }

  /**
   * Listens to changes of one object; the listener gets the changed top-level keys (null when
   * the whole object was added, replaced or removed).
   *
   * @example const stop = space.db.subscribeObject(task['@id'], (keys) => keys?.has('done') && redraw())
   */
  subscribeObject(id: string, listener: (keys: ReadonlySet<string> | null) => void): () => void {
    let set = this.#objectListeners.get(id)
    if (!set) this.#objectListeners.set(id, (set = new Set()))
    set.add(listener)
    return () => {
      set!.delete(listener)
      if (set!.size === 0 && this.#objectListeners.get(id) === set) this.#objectListeners.delete(id)
    }
  }

  /**
   * The current plain snapshot of an object; its identity changes only when the object does.
   * Undefined when the object does not exist.
   */
  snapshotOf(id: string): Readonly<Record<string, unknown>> | undefined {
    return this.#entries.get(id)?.snap
  }

  /** Collaborative text handle for a text field of an object. */
  text(objectOrId: EchoObject | string, field: string): TextHandle {
    const id = typeof objectOrId === 'string' ? objectOrId : liveInfo(objectOrId)?.id
    if (!id || !this.#entries.has(id)) throw new EchoError('NOT_FOUND', `no object '${String(id)}' in this space`)
    return new TextHandle(this, id, field)
  }

  // ---- internals shared with LiveObject, Query and TextHandle --------------------------------

  /** @internal Live object of an existing entry, without the public checks (hot path). */
  liveOf(id: string): EchoObject | undefined {
    const entry = this.#entries.get(id)
    if (!entry) return undefined
    return (entry.live ??= createLiveObject(this, id))
  }

  /** @internal */
  get entryIds(): IterableIterator<string> {
    return this.#entries.keys()
  }

  /** @internal */
  idsOfType(type: string): ReadonlySet<string> | undefined {
    return this.#byType.get(type)
  }

  /** @internal */
  isRemoved(id: string): boolean {
    return this.#removed.has(id)
  }

  /** @internal */
  nestedCache(id: string): Map<string, unknown> | undefined {
    const entry = this.#entries.get(id)
    if (!entry) return undefined
    return (entry.nested ??= new Map())
  }

  /** @internal */
  attachQuery(query: Query): () => void {
    this.#queries.add(query)
    return () => this.#queries.delete(query)
  }

  /** @internal Sets a field (top-level or nested) of an object. */
  setField(id: string, path: Path, value: unknown): void {
    this.#assertWritable(id)
    const top = String(path[0])
    const converted = path.length === 1 ? convertField(top, value, this.spaceId) : convertValue(value, this.spaceId, [...path])
    const entry = this.#entries.get(id)!
    const parent = valueAt(entry.snap, path.slice(0, -1))
    const last = path[path.length - 1]!
    if (Array.isArray(parent)) {
      if (typeof last !== 'number' || !Number.isInteger(last) || last < 0 || last > parent.length) {
        throw new EchoError('INVALID_VALUE', `index ${String(last)} is outside the array at '${path.slice(0, -1).join('.')}' (length ${parent.length})`)
      }
    } else if (path.length > 1 && (parent === null || typeof parent !== 'object')) {
      throw new EchoError('INVALID_VALUE', `no object at '${path.slice(0, -1).join('.')}' to set '${String(last)}' on`)
    }
    this.#updateEntry(id, setAt(entry.snap, path, converted.plain) as Record<string, unknown>)
    const isString = typeof value === 'string'
    const docValue = converted.doc
    this.#enqueue(id, top, (d) => {
      const target = resolve(d, id, path.slice(0, -1))
      if (Array.isArray(target)) {
        const index = last as number
        if (index >= target.length) target.splice(target.length, 0, docValue)
        else target[index] = docValue
        return
      }
      const current = target[last as string]
      // Assigning a string to a collaborative text field edits it as a character diff.
      if (isString && typeof current === 'string') {
        A.updateText(d, ['objects', bucketOf(id), id, ...path], value as string)
      } else {
        target[last as string] = docValue
      }
    })
    this.#record(id, top)
  }

  /** @internal Deletes a field. */
  deleteField(id: string, path: Path): void {
    this.#assertWritable(id)
    const top = String(path[0])
    if (path.length === 1 && top === '@id') throw new EchoError('RESERVED_KEY', `'@id' cannot be deleted`)
    const entry = this.#entries.get(id)!
    const parent = valueAt(entry.snap, path.slice(0, -1))
    if (Array.isArray(parent)) {
      throw new EchoError('INVALID_VALUE', `use splice() to remove array items (delete would leave a hole)`)
    }
    const last = path[path.length - 1]!
    if (parent === null || typeof parent !== 'object' || !(String(last) in (parent as object))) return
    this.#updateEntry(id, setAt(entry.snap, path, undefined, true) as Record<string, unknown>)
    this.#enqueue(id, top, (d) => {
      delete resolve(d, id, path.slice(0, -1))[last as string]
    })
    this.#record(id, top)
  }

  /** @internal Runs an array method on a live array. */
  arrayOp(id: string, path: Path, method: string, args: unknown[]): unknown {
    this.#assertWritable(id)
    const entry = this.#entries.get(id)!
    const current = valueAt(entry.snap, path)
    if (!Array.isArray(current)) throw new EchoError('INVALID_VALUE', `no array at '${path.join('.')}'`)
    const top = String(path[0])
    const len = current.length
    let start: number
    let deleteCount: number
    let items: unknown[]
    let result: unknown
    switch (method) {
      case 'push':
        start = len; deleteCount = 0; items = args
        break
      case 'unshift':
        start = 0; deleteCount = 0; items = args
        break
      case 'pop':
        start = Math.max(0, len - 1); deleteCount = len ? 1 : 0; items = []
        break
      case 'shift':
        start = 0; deleteCount = len ? 1 : 0; items = []
        break
      case 'splice': {
        const s = args.length ? Math.trunc(Number(args[0]) || 0) : len
        start = s < 0 ? Math.max(len + s, 0) : Math.min(s, len)
        deleteCount = args.length < 2 ? len - start : Math.min(Math.max(Math.trunc(Number(args[1]) || 0), 0), len - start)
        items = args.slice(2)
        break
      }
      default: {
        // sort, reverse, fill, copyWithin: compute the new contents and replace them.
        const copy = current.slice()
        ;(Array.prototype as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!.apply(copy, args)
        start = 0; deleteCount = len; items = copy
        result = undefined
      }
    }
    const converted = items.map((item, i) =>
      isRef(item) ? { doc: { '@ref': item['@ref'] }, plain: item } : convertValue(item, this.spaceId, [...path, start + i]),
    )
    const removed = current.slice(start, start + deleteCount)
    const next = current.slice()
    next.splice(start, deleteCount, ...converted.map((c) => c.plain))
    this.#updateEntry(id, setAt(entry.snap, path, next) as Record<string, unknown>)
    const docItems = converted.map((c) => c.doc)
    this.#enqueue(id, top, (d) => {
      const list = resolve(d, id, path) as unknown as unknown[]
      list.splice(start, deleteCount, ...docItems)
    })
    this.#record(id, top)
    if (method === 'push' || method === 'unshift') return next.length
    if (method === 'pop' || method === 'shift') return removed[0]
    if (method === 'splice') return removed
    return result ?? createLiveObject(this, id, path)
  }

  /** @internal Text operations run inside the same ordered commit as every other write. */
  textEdit(id: string, field: string, edit: (doc: DataDoc, path: A.Prop[]) => void): void {
    this.#assertWritable(id)
    this.#enqueue(id, field, (d) => edit(d, ['objects', bucketOf(id), id, field]))
    this.#commit()
  }

  /** @internal The committed Automerge document (pending writes committed first). */
  committedDoc(): A.Doc<DataDoc> {
    this.#assertOpen()
    this.#commit()
    if (!this.#handle) throw new EchoError('NOT_FOUND', 'the space has not been loaded yet')
    return this.#handle.doc()
  }

  /** @internal Plain value of an object (for copying nested values). */
  plainAt(id: string, path: Path): unknown {
    return valueAt(this.#entries.get(id)?.snap, path)
  }

  /** Commits pending writes to Automerge now (normally at the end of the task). */
  commit(): void {
    this.#commit()
  }

  // ---- private ------------------------------------------------------------------------------

  #assertOpen(): void {
    if (this.#status === 'closed') throw new EchoError('CLOSED', 'this space is closed (left, or its client was closed)')
  }

  #assertWritable(id: string): void {
    this.#assertOpen()
    if (this.#status === 'loading') throw new EchoError('NOT_FOUND', 'the space has not been loaded yet')
    if (!this.#entries.has(id)) {
      throw new EchoError('NOT_FOUND', this.#removed.has(id) ? `object '${id}' was removed` : `no object '${id}' in this space`)
    }
  }

  #enqueue(id: string, key: string | null, op: Op): void {
    this.#pending.push(op)
    const keys = this.#pendingKeys.get(id)
    if (key === null) this.#pendingKeys.set(id, null)
    else if (keys === undefined) this.#pendingKeys.set(id, new Set([key]))
    else if (keys !== null) keys.add(key)
    if (!this.#commitScheduled) {
      this.#commitScheduled = true
      queueMicrotask(() => this.#commit())
    }
  }

  #commit(): void {
    this.#commitScheduled = false
    // Listeners first: the read model already holds these writes, so the app sees them now,
    // before the Automerge change (the expensive part) that follows in the same task.
    this.#settle()
    const handle = this.#handle
    if (this.#pending.length && handle && !this.#committing) {
      const ops = this.#pending
      const touched = this.#pendingKeys
      this.#pending = []
      this.#pendingKeys = new Map()
      this.#committing = true
      try {
        handle.change((d) => {
          for (const op of ops) {
            try {
              op(d)
            } catch {
              // The target vanished (a remote delete won the race): the write is dropped.
              this.droppedOps++
            }
          }
        })
      } finally {
        this.#committing = false
      }
      // Make the read model exactly what Automerge holds for everything we touched.
      const doc = handle.doc()
      for (const [id, keys] of touched) this.#refresh(doc, id, keys)
    }
    this.#settle()
  }

  #onRemoteChange({ doc, patches }: DocHandleChangePayload<DataDoc>): void {
    if (this.#committing || this.#status !== 'ready') return
    const touched = new Map<string, Set<string> | null>()
    let reload = false
    for (const patch of patches) {
      const path = patch.path
      if (path[0] !== 'objects') continue
      if (path.length < 3) {
        reload = true
        continue
      }
      const id = String(path[2])
      if (path.length === 3) touched.set(id, null)
      else {
        const keys = touched.get(id)
        if (keys === undefined) touched.set(id, new Set([String(path[3])]))
        else if (keys !== null) keys.add(String(path[3]))
      }
    }
    if (reload) {
      for (const id of new Set([...this.#entries.keys(), ...allIds(doc)])) touched.set(id, null)
    }
    for (const [id, keys] of touched) {
      // Keys with local writes still pending are refreshed after our commit lands on top.
      const pending = this.#pendingKeys.get(id)
      if (pending === null) continue
      if (pending && keys) {
        for (const k of pending) keys.delete(k)
        if (!keys.size) continue
      }
      this.#refresh(doc, id, keys)
    }
    this.#onDocChange?.(doc, patches)
    this.#settle()
  }

  #loadAll(doc: A.Doc<DataDoc>): void {
    const objects = doc?.objects
    if (!objects || typeof objects !== 'object') return
    for (const bucket of Object.keys(objects)) {
      const map = objects[bucket]
      if (!map || typeof map !== 'object') continue
      for (const id of Object.keys(map)) {
        if (this.#entries.has(id) || this.#pendingKeys.has(id)) continue
        const raw = map[id]
        if (!raw || typeof raw !== 'object' || Array.isArray(raw)) continue
        this.#setEntry(id, materialize(raw) as Record<string, unknown>)
        this.#record(id, null)
      }
    }
  }

  #refresh(doc: A.Doc<DataDoc>, id: string, keys: ReadonlySet<string> | null): void {
    const raw = doc?.objects?.[bucketOf(id)]?.[id]
    const entry = this.#entries.get(id)
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      if (entry) {
        this.#deleteEntry(id)
        this.#removed.add(id)
        this.#record(id, null)
      }
      return
    }
    if (!entry || keys === null) {
      const snap = materialize(raw) as Record<string, unknown>
      if (entry && plainEqual(entry.snap, snap)) return
      if (entry) this.#updateEntry(id, snap)
      else this.#setEntry(id, snap)
      this.#removed.delete(id)
      this.#record(id, null)
      return
    }
    let next: Record<string, unknown> | undefined
    let reshaped = false
    for (const key of keys) {
      const has = Object.prototype.hasOwnProperty.call(raw, key)
      const value = has ? materialize((raw as Record<string, unknown>)[key]) : undefined
      const had = Object.prototype.hasOwnProperty.call(entry.snap, key)
      if (has ? had && plainEqual(entry.snap[key], value) : !had) continue
      next ??= { ...entry.snap }
      if (has) next[key] = value
      else delete next[key]
      if (has !== had) reshaped = true
      this.#record(id, key)
    }
    if (next && reshaped) {
      // Keys in document order, so every peer lists them alike.
      const ordered: Record<string, unknown> = {}
      for (const key of Object.keys(raw)) if (Object.prototype.hasOwnProperty.call(next, key)) ordered[key] = next[key]
      next = ordered
    }
    if (!next && keys.size && !sameKeyOrder(entry.snap, raw as object)) {
      next = {}
      for (const key of Object.keys(raw)) next[key] = entry.snap[key]
      this.#record(id, null)
    }
    if (next) this.#updateEntry(id, next)
  }

  #setEntry(id: string, snap: Record<string, unknown>): void {
    this.#entries.set(id, { snap })
    this.#indexType(id, undefined, snap['@type'])
  }

  #updateEntry(id: string, snap: Record<string, unknown>): void {
    const entry = this.#entries.get(id)!
    const before = entry.snap['@type']
    entry.snap = snap
    entry.nested?.clear()
    if (before !== snap['@type']) this.#indexType(id, before, snap['@type'])
  }

  #deleteEntry(id: string): void {
    const entry = this.#entries.get(id)
    if (!entry) return
    this.#indexType(id, entry.snap['@type'], undefined)
    this.#entries.delete(id)
  }

  #indexType(id: string, before: unknown, after: unknown): void {
    if (typeof before === 'string') this.#byType.get(before)?.delete(id)
    if (typeof after === 'string') {
      let set = this.#byType.get(after)
      if (!set) this.#byType.set(after, (set = new Set()))
      set.add(id)
    }
  }

  #record(id: string, key: string | null): void {
    this.#version++
    const keys = this.#changes.get(id)
    if (key === null) this.#changes.set(id, null)
    else if (keys === undefined) this.#changes.set(id, new Set([key]))
    else if (keys !== null) keys.add(key)
    for (const q of this.#queries) q.markDirty(id)
  }

  #settle(): void {
    if (!this.#changes.size) return
    const changes = this.#changes
    this.#changes = new Map()
    for (const q of [...this.#queries]) q.notifyIfChanged()
    for (const [id, keys] of changes) {
      const set = this.#objectListeners.get(id)
      if (set) for (const l of [...set]) l(keys)
    }
    for (const l of [...this.#listeners]) l(changes)
  }
}

function resolve(d: DataDoc, id: string, path: Path): Record<string, unknown> {
  let target: unknown = d.objects[bucketOf(id)]![id]
  for (const key of path) target = (target as Record<string | number, unknown>)[key]
  if (target === null || typeof target !== 'object') throw new Error('path vanished')
  return target as Record<string, unknown>
}

function sameKeyOrder(a: object, b: object): boolean {
  const ka = Object.keys(a)
  // Normalise through a plain object: JS lists integer-like keys first whatever the source order.
  const kb = Object.keys(Object.fromEntries(Object.keys(b).map((k) => [k, 0])))
  return ka.length === kb.length && ka.every((k, i) => k === kb[i])
}

function allIds(doc: A.Doc<DataDoc>): string[] {
  const out: string[] = []
  const objects = doc?.objects
  if (!objects || typeof objects !== 'object') return out
  for (const bucket of Object.keys(objects)) {
    const map = objects[bucket]
    if (map && typeof map === 'object') out.push(...Object.keys(map))
  }
  return out
}

