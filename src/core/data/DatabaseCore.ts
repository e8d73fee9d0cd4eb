import * as A from '@automerge/automerge'
import type { DocHandle, DocHandleChangePayload } from '@automerge/automerge-repo'
import { EchoError, randomId } from '../shared/index.ts'
import { ChangeFeed } from './ChangeFeed.ts'
import type { Database, DatabaseOptions, DatabaseStats, DatabaseStatus } from './Database.ts'
import { bucketOf, type DataDoc } from './DataDoc.ts'
import { createLiveObject, type EchoObject } from './LiveObject.ts'
import { stampMeta } from './ObjectMeta.ts'
import { META, storeMeta } from './storedMeta.ts'
import { docTarget, setAt, valueAt, type Path } from './paths.ts'
import { ReadModel, type RemoteField } from './ReadModel.ts'
import type { UndoResult } from './UndoHistory.ts'
import { UndoStack } from './UndoStack.ts'
import { WriteQueue } from './WriteQueue.ts'
import { spliceOf } from './spliceOf.ts'
import { convertField, convertObject, convertValue, isRef } from './values.ts'

/**
 * The working parts behind a {@link Database}: its read model, write queue and change feed,
 * the document binding, and every write. Folder-internal: the public `Database` is a facade
 * over it, live objects, queries and text handles drive it directly, and only the owner of
 * the database reaches `attach` / `detach` / `commit` (through a `DatabaseControl`).
 *
 * A write updates the read model at once, queues its Automerge op and records the change;
 * the end of the task commits every queued op as one change, then listeners are told.
 */
export class DatabaseCore {
  readonly spaceId: string
  /** The public facade (what live objects report as their database). */
  readonly db: Database
  readonly feed = new ChangeFeed()
  readonly read = new ReadModel(this.feed)
  readonly #queue = new WriteQueue(() => this.commit())
  /** This device's undo / redo stacks for the space (one step per task's local commits). */
  readonly undoStack = new UndoStack({ enqueue: (id, key, op) => this.#queue.enqueue(id, key, op), commit: () => this.commit() })
  #handle: DocHandle<DataDoc> | undefined
  #status: DatabaseStatus = 'loading'
  /** Resolves once the document is bound (a warm database is 'ready' before that; see warm). */
  #attached: Promise<void>
  #resolveAttached!: () => void
  #offChange: (() => void) | undefined
  #filterErrors = 0
  #unresolvedCursors = 0
  #invalidObjects = 0
  /**
   * Set by the type registry (TypeRegistry.ts) once a typed API is used: checks the snapshot an
   * object would have after a local write, and throws `INVALID_VALUE` to refuse the write.
   */
  checkWrite: ((id: string, next: Record<string, unknown>) => void) | undefined
  readonly #author: () => string | undefined
  readonly #flushStorage: () => Promise<void>
  readonly #onDocChange: ((doc: A.Doc<DataDoc>, patches: A.Patch[]) => void) | undefined
  readonly #onCommit: (() => void) | undefined
  readonly #beforeCommit: (() => void) | undefined
  readonly #canWrite: () => boolean
  readonly #refusedMessages: () => number

  constructor(db: Database, spaceId: string, options: DatabaseOptions) {
    this.db = db
    this.spaceId = spaceId
    this.#flushStorage = options.flushStorage ?? (async () => {})
    this.#onDocChange = options.onDocChange
    this.#onCommit = options.onCommit
    this.#beforeCommit = options.beforeCommit
    this.#canWrite = options.canWrite ?? (() => true)
    this.#refusedMessages = options.refusedMessages ?? (() => 0)
    this.#author = options.author ?? (() => undefined)
    this.#attached = new Promise((resolve) => (this.#resolveAttached = resolve))
  }

  /** 'loading' until attached, 'ready', then 'closed' once detached. */
  get status(): DatabaseStatus {
    return this.#status
  }

  // ---- lifecycle (reached by the owner through DatabaseControl) ------------------------------

  /**
   * Opens from a saved read model of the document that will be attached (see DatabaseControl):
   * reads and queries work at once; writes are queued until {@link attach} commits them.
   */
  warm(entries: readonly [string, Record<string, unknown>][], invalidValues: number): void {
    if (this.#status !== 'loading') return
    this.read.importEntries(entries, invalidValues)
    this.#status = 'ready'
    this.feed.settle()
    this.feed.emitStatus()
  }

  /** Binds the Automerge document once it is available; status becomes 'ready'. */
  attach(handle: DocHandle<DataDoc>): void {
    if (this.#status === 'closed') return
    const warm = this.#status === 'ready'
    this.#handle = handle
    const onChange = (payload: DocHandleChangePayload<DataDoc>) => this.#onRemoteChange(payload)
    handle.on('change', onChange)
    this.#offChange = () => handle.off('change', onChange)
    const pending = (id: string) => this.#queue.pendingKeys(id) !== undefined
    // A saved copy was checked against the stored chunks' names; the document still has the
    // last word (objects that match keep their snapshots, so nothing re-renders for them).
    if (warm) this.read.refreshAll(handle.doc(), pending)
    else this.read.loadAll(handle.doc(), pending)
    this.#status = 'ready'
    this.#resolveAttached()
    // Writes made while warm waited for the document: they become its first change now.
    if (warm) this.commit()
    this.feed.settle()
    if (!warm) this.feed.emitStatus()
  }

  /** Resolves once a warm database's document is bound (at once when it is not warm). */
  whenBound(): Promise<void> {
    return this.#awaitsDocument ? this.#attached : Promise.resolve()
  }

  /** Warm: ready from a saved read model, its document not bound yet. */
  get #awaitsDocument(): boolean {
    return !this.#handle && this.#status === 'ready'
  }

  /** The read model to save (see DatabaseControl.copy). */
  copy(minSize: number): { entries: [string, Record<string, unknown>][]; invalidValues: number } | undefined {
    if (!this.#handle || this.#status !== 'ready' || this.#queue.hasPending || this.read.size < minSize) return undefined
    return { entries: this.read.exportEntries(), invalidValues: this.read.invalidValues }
  }

  /** Commits pending writes and stops listening; further use throws CLOSED. */
  detach(): void {
    if (this.#status === 'closed') return
    this.commit()
    this.#offChange?.()
    this.#status = 'closed'
    this.#resolveAttached()
    this.feed.emitStatus()
  }

  /** Commits pending writes to Automerge now (normally at the end of the task). */
  commit(): void {
    // Remote changes shown ahead go into the document first: our writes come after them.
    this.#beforeCommit?.()
    this.#queue.clearSchedule()
    // Listeners first: the read model already holds these writes, so the app sees them now,
    // before the Automerge change (the expensive part) that follows in the same task.
    this.feed.settle()
    const handle = this.#handle
    // What the commit will overwrite, for its undo step (doc() throws on a handle not ready).
    const before = handle?.isReady() ? handle.doc() : undefined
    const touched = handle && this.#queue.commitTo(handle)
    if (touched) {
      // Out to peers first (latency), then the undo step and the read model catch up.
      this.#onCommit?.()
      this.undoStack.committed(before, handle.doc(), touched)
      // Make the read model exactly what Automerge holds for everything we touched.
      const doc = handle.doc()
      for (const [id, keys] of touched) this.read.refresh(doc, id, keys)
    }
    this.feed.settle()
  }

  /** Commits pending writes and resolves once they are durable in storage. */
  async flush(): Promise<void> {
    this.assertOpen()
    // A warm database's writes are queued until its document is bound: durable means after that.
    // Otherwise the commit happens now, before the first await (callers rely on that).
    if (this.#awaitsDocument) await this.#attached
    this.commit()
    try {
      await this.#flushStorage()
    } catch (error) {
      throw new EchoError('STORAGE_FAILED', `could not write to storage: ${(error as Error)?.message}`, { cause: error })
    }
  }

  // ---- checks and counters ------------------------------------------------------------------

  /** Throws CLOSED once the database is detached. */
  assertOpen(): void {
    if (this.#status === 'closed') throw new EchoError('CLOSED', 'this space is closed (left, or its client was closed)')
  }

  /** Throws FORBIDDEN when this identity may not write (a reader, or no longer a member). */
  assertMayWrite(): void {
    if (!this.#canWrite()) throw new EchoError('FORBIDDEN', 'this identity may not write in this space (readers only read)')
  }

  /** Throws unless object `id` can be written now (open, loaded, not removed, and we may write). */
  assertWritable(id: string): void {
    this.assertOpen()
    this.assertMayWrite()
    if (this.#status === 'loading') throw new EchoError('NOT_FOUND', 'the space has not been loaded yet')
    if (!this.read.has(id)) {
      throw new EchoError('NOT_FOUND', this.read.isRemoved(id) ? `object '${id}' was removed` : `no object '${id}' in this space`)
    }
  }

  /** Counts a query filter that threw (the object was treated as not matching). */
  countFilterError(): void {
    this.#filterErrors++
  }

  /** Counts a text cursor that could not be resolved (its position was given as the text's end). */
  countUnresolvedCursor(): void {
    this.#unresolvedCursors++
  }

  /** Counts an object that failed its type's schema (see TypeRegistry.ts). */
  countInvalidObject(): void {
    this.#invalidObjects++
  }

  /** A copy of the counters, for `db.stats()`. */
  stats(): DatabaseStats {
    return {
      droppedOps: this.#queue.dropped,
      filterErrors: this.#filterErrors,
      unresolvedCursors: this.#unresolvedCursors,
      invalidRemoteValues: this.read.invalidValues + this.#invalidObjects,
      refusedMessages: this.#refusedMessages(),
      unrecordedUndoSteps: this.undoStack.unrecorded,
      invalidObjects: this.#invalidObjects,
    }
  }

  // ---- reads ----------------------------------------------------------------------------------

  /** Live object of an existing entry, without the public checks (hot path). */
  liveOf(id: string): EchoObject | undefined {
    const entry = this.read.entry(id)
    if (!entry) return undefined
    return (entry.live ??= createLiveObject(this, id))
  }

  /** The committed document, or undefined while a warm database waits for it (see warm). */
  loadedDoc(): A.Doc<DataDoc> | undefined {
    this.assertOpen()
    this.commit()
    return this.#handle?.doc()
  }

  /** The committed Automerge document (pending writes committed first). */
  committedDoc(): A.Doc<DataDoc> {
    this.assertOpen()
    this.commit()
    if (!this.#handle) throw new EchoError('NOT_FOUND', 'the space has not been loaded yet')
    return this.#handle.doc()
  }

  // ---- writes: read model now, Automerge op at the end of the task ---------------------------

  /** Adds a checked, converted object, stamped with `@meta` (plus `meta`); returns its id. */
  add(value: Record<string, unknown>, meta?: Record<string, unknown>): string {
    this.assertOpen()
    this.assertMayWrite()
    const { doc, plain } = convertObject(stampMeta(value, this.#author(), meta), this.spaceId)
    const id = randomId()
    this.read.set(id, plain)
    this.#queue.enqueue(id, null, (d) => {
      const objects = d.objects
      const bucket = bucketOf(id)
      // Spaces are created with all 256 buckets; a missing one is made first. Written through
      // the document: `(objects[bucket] ??= {})[id] = doc` would fill the detached literal.
      if (!objects[bucket]) objects[bucket] = {}
      objects[bucket]![id] = doc
    })
    this.feed.record(id, null)
    return id
  }

  /** Removes an existing object. */
  remove(id: string): void {
    this.assertMayWrite()
    this.read.remove(id)
    this.#queue.enqueue(id, null, (d) => {
      delete d.objects[bucketOf(id)]?.[id]
    })
    this.feed.record(id, null)
  }

  /** Sets a field (top-level or nested) of an object. */
  setField(id: string, path: Path, value: unknown): void {
    this.assertWritable(id)
    const top = String(path[0])
    const converted = path.length === 1 ? convertField(top, value, this.spaceId) : convertValue(value, this.spaceId, [...path])
    const entry = this.read.entry(id)!
    const parent = valueAt(entry.snap, path.slice(0, -1))
    const last = path[path.length - 1]!
    if (Array.isArray(parent)) {
      if (typeof last !== 'number' || !Number.isInteger(last) || last < 0 || last > parent.length) {
        throw new EchoError('INVALID_VALUE', `index ${String(last)} is outside the array at '${path.slice(0, -1).join('.')}' (length ${parent.length})`)
      }
    } else if (path.length > 1 && (parent === null || typeof parent !== 'object')) {
      throw new EchoError('INVALID_VALUE', `no object at '${path.slice(0, -1).join('.')}' to set '${String(last)}' on`)
    }
    const nextSnap = setAt(entry.snap, path, converted.plain) as Record<string, unknown>
    this.checkWrite?.(id, nextSnap)
    this.read.update(id, nextSnap)
    const isString = typeof value === 'string'
    const docValue = converted.doc
    // `@meta` is stored as flat keys (storedMeta.ts); only a whole `@meta` is ever written.
    const meta = path.length === 1 && top === META
    this.#queue.enqueue(id, top, (d) => {
      const target = docTarget(d, id, path.slice(0, -1))
      if (meta) return storeMeta(target, docValue as Record<string, unknown>)
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
    this.feed.record(id, top)
  }

  /** Deletes a field. */
  deleteField(id: string, path: Path): void {
    this.assertWritable(id)
    const top = String(path[0])
    if (path.length === 1 && top === '@id') throw new EchoError('RESERVED_KEY', `'@id' cannot be deleted`)
    const entry = this.read.entry(id)!
    const parent = valueAt(entry.snap, path.slice(0, -1))
    if (Array.isArray(parent)) {
      throw new EchoError('INVALID_VALUE', `use splice() to remove array items (delete would leave a hole)`)
    }
    const last = path[path.length - 1]!
    if (parent === null || typeof parent !== 'object' || !(String(last) in (parent as object))) return
    const nextSnap = setAt(entry.snap, path, undefined, true) as Record<string, unknown>
    this.checkWrite?.(id, nextSnap)
    this.read.update(id, nextSnap)
    this.#queue.enqueue(id, top, (d) => {
      delete docTarget(d, id, path.slice(0, -1))[last as string]
    })
    this.feed.record(id, top)
  }

  /** Runs an array method on a live array, as one splice of the stored list. */
  arrayOp(id: string, path: Path, method: string, args: unknown[]): unknown {
    this.assertWritable(id)
    const entry = this.read.entry(id)!
    const current = valueAt(entry.snap, path)
    if (!Array.isArray(current)) throw new EchoError('INVALID_VALUE', `no array at '${path.join('.')}'`)
    const top = String(path[0])
    const { start, deleteCount, items } = spliceOf(current, method, args)
    const converted = items.map((item, i) =>
      isRef(item) ? { doc: { '@ref': item['@ref'] }, plain: item } : convertValue(item, this.spaceId, [...path, start + i]),
    )
    const removed = current.slice(start, start + deleteCount)
    const next = current.slice()
    next.splice(start, deleteCount, ...converted.map((c) => c.plain))
    const nextSnap = setAt(entry.snap, path, next) as Record<string, unknown>
    this.checkWrite?.(id, nextSnap)
    this.read.update(id, nextSnap)
    const docItems = converted.map((c) => c.doc)
    this.#queue.enqueue(id, top, (d) => {
      const list = docTarget(d, id, path) as unknown as unknown[]
      list.splice(start, deleteCount, ...docItems)
    })
    this.feed.record(id, top)
    if (method === 'push' || method === 'unshift') return next.length
    if (method === 'pop' || method === 'shift') return removed[0]
    if (method === 'splice') return removed
    return createLiveObject(this, id, path)
  }

  /** Text operations run inside the same ordered commit as every other write. */
  textEdit(id: string, field: string, edit: (doc: DataDoc, path: A.Prop[]) => void): void {
    this.assertWritable(id)
    this.#queue.enqueue(id, field, (d) => edit(d, ['objects', bucketOf(id), id, field]))
    this.commit()
  }

  // ---- undo / redo ---------------------------------------------------------------------------

  /** Undoes (or redoes) this device's latest step, in scope when given; see UndoStack. */
  undoRedo(which: 'undo' | 'redo', scope?: { id: string; field?: string }): UndoResult {
    this.assertOpen()
    this.assertMayWrite()
    if (this.#status === 'loading') return { done: false, applied: 0, skipped: 0 }
    // Pending writes become their own step first (and clear the redo stack, as new writes do).
    this.commit()
    return which === 'undo' ? this.undoStack.undo(scope) : this.undoStack.redo(scope)
  }

  // ---- remote changes -------------------------------------------------------------------------

  /**
   * Shows an admitted remote change's field values before the document has them (see
   * space/ShownAhead.ts) and notifies; false, and nothing shown, when any field has local
   * writes pending (ours commit after it) or is not a plain overwrite the read model takes.
   */
  showAhead(fields: readonly RemoteField[]): boolean {
    if (this.#status !== 'ready') return false
    for (const { id } of fields) if (this.#queue.pendingKeys(id) !== undefined) return false
    if (!this.read.showFields(fields)) return false
    this.feed.settle()
    return true
  }

  /** Makes shown fields exactly what the document holds (after it took, or failed to take, the change). */
  reconcile(fields: readonly RemoteField[]): void {
    if (this.#status !== 'ready' || !this.#handle?.isReady()) return
    const doc = this.#handle.doc()
    for (const { id, key } of fields) if (this.#queue.pendingKeys(id) === undefined) this.read.refresh(doc, id, new Set([key]))
    this.feed.settle()
  }

  #onRemoteChange({ doc, patches }: DocHandleChangePayload<DataDoc>): void {
    // Our own change (commitTo) is already in the read model; ignore its echo.
    if (this.#queue.committing || this.#status !== 'ready') return
    this.read.applyPatches(doc, patches, (id) => this.#queue.pendingKeys(id))
    this.#onDocChange?.(doc, patches)
    this.feed.settle()
  }
}
