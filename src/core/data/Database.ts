import type * as A from '@automerge/automerge'
import type { DocHandle } from '@automerge/automerge-repo'
import { EchoError } from '../shared/index.ts'
import type { ChangeSet } from './ChangeFeed.ts'
import { coreOf, provideCoreAccess } from './coreOf.ts'
import { DatabaseCore } from './DatabaseCore.ts'
import type { DataDoc } from './DataDoc.ts'
import { isEchoType, type AnyEchoType, type FieldsOf, type InputOf } from './EchoType.ts'
import type { EchoObject } from './LiveObject.ts'
import { Query, type Filter, type QueryOptions } from './Query.ts'
import type { RemoteField } from './ReadModel.ts'
import { TextHandle } from './TextHandle.ts'
import type { UndoHistory, UndoResult, UndoScope } from './UndoHistory.ts'
import type { TypedFilter, TypedQueryOptions } from './TypedFilter.ts'
import { typesOf } from './TypeRegistry.ts'
import { liveInfo } from './values.ts'

/** Lifecycle of a database: loading until its document is available. */
export type DatabaseStatus = 'loading' | 'ready' | 'closed'

/** Counters of things the database handled without throwing, so they can still be noticed. */
export interface DatabaseStats {
  /** Local writes dropped at commit because their target had vanished (a remote delete won the race). */
  droppedOps: number
  /** Query filter predicates (whole-object or per-field) that threw; the object did not match. */
  filterErrors: number
  /** `TextHandle.position` calls whose cursor could not be resolved; answered with the text's end. */
  unresolvedCursors: number
  /**
   * Fields from peers left out of the read model as invalid (reserved `@` keys, a non-string
   * `@type`, nesting over 64, strings over 1 MiB, maps over 10,000 keys); counted each time read;
   * plus the objects counted in `invalidObjects` (failing their type's schema).
   */
  invalidRemoteValues: number
  /** Messages about this space's documents that its peers sent and this peer refused (see SpaceGate). */
  refusedMessages: number
  /** Local commits whose undo step could not be recorded (the writes themselves went through). */
  unrecordedUndoSteps: number
  /**
   * Objects that failed their type's schema when a typed query or `db.get(id, Type)` read them
   * (written by a peer that skipped validation, or by another version of the app); counted
   * once per version of the object.
   */
  invalidObjects: number
}

/** What the owner of a database provides when creating it. */
export interface DatabaseOptions {
  /** Resolves once the space's documents are durable in storage (behind `db.flush()`). */
  flushStorage?: () => Promise<void>
  /** Called after each remote change of the data document (e.g. to read the space name). */
  onDocChange?: (doc: A.Doc<DataDoc>, patches: A.Patch[]) => void
  /** Called right after each local commit to the data document (e.g. to send it to peers now). */
  onCommit?: () => void
  /** Called first in each commit (e.g. to apply remote changes shown ahead, so ours follow them). */
  beforeCommit?: () => void
  /**
   * Whether this identity may write now (its role in the space). A local write while this
   * returns false throws `FORBIDDEN` and writes nothing. Defaults to always.
   */
  canWrite?: () => boolean
  /** Messages about this space refused so far (reported in `db.stats().refusedMessages`). */
  refusedMessages?: () => number
  /** The identity key recorded as `@meta.createdBy` of objects added here (none: left out). */
  author?: () => string | undefined
}

/**
 * The owner-only operations of a database, handed out once by {@link createDatabase} and held
 * by whoever owns the database (the Space): the public `Database` cannot do these.
 */
export interface DatabaseControl {
  /** Binds the space's Automerge data document once it is available; status becomes 'ready'. */
  attach(handle: DocHandle<DataDoc>): void
  /** Commits pending writes and stops listening; status becomes 'closed', further use throws CLOSED. */
  detach(): void
  /** Commits pending writes to Automerge now (otherwise done at the end of the current task). */
  commit(): void
  /**
   * Opens the database from a saved copy of its read model, built from exactly the document
   * `attach` will bind (the owner checked that): status becomes 'ready' before the document
   * loads; writes wait in the write queue until `attach`. No-op unless still 'loading'.
   */
  warm(entries: readonly [string, Record<string, unknown>][], invalidValues: number): void
  /** Resolves once a warm database's document is bound and its queued writes committed. */
  whenBound(): Promise<void>
  /**
   * A copy of the read model to save, or undefined while it may differ from the committed
   * document (not attached yet, or writes pending) or holds fewer than `minSize` objects.
   */
  copy(minSize: number): { entries: [string, Record<string, unknown>][]; invalidValues: number } | undefined
  /** Shows an admitted remote change's fields before the document has them; false when it cannot (see DatabaseCore). */
  showAhead(fields: readonly RemoteField[]): boolean
  /** Makes shown fields what the document holds. */
  reconcile(fields: readonly RemoteField[]): void
}


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
  readonly #core: DatabaseCore

  // The folder's live objects, queries and text handles reach the core through coreOf();
  // a static block is the one place that can read #core without making it a public member.
  static {
    provideCoreAccess((db) => db.#core)
  }

  /** Spaces make their own (`space.db`); an owner creates one with {@link createDatabase}. */
  constructor(spaceId: string, options: DatabaseOptions = {}) {
    this.spaceId = spaceId
    this.#core = new DatabaseCore(this, spaceId, options)
  }

  /** 'loading' until the space's data has arrived, then 'ready'; 'closed' after leave/close. */
  get status(): DatabaseStatus {
    return this.#core.status
  }

  /** Increments on every change (local or remote); a cheap staleness check for snapshots. */
  get version(): number {
    return this.#core.feed.version
  }

  /** Live subscriptions on this database (object listeners, attached queries, listeners); for leak checks. */
  get listenerCount(): number {
    return this.#core.feed.listenerCount
  }

  /** Number of objects (not deleted). */
  get size(): number {
    return this.#core.read.size
  }

  /** Local writes dropped at commit because their target had vanished; same as `stats().droppedOps`. */
  get droppedOps(): number {
    return this.#core.stats().droppedOps
  }

  /**
   * Counters of problems handled without throwing (dropped writes, filters that threw, cursors
   * that could not be resolved).
   *
   * @example if (space.db.stats().filterErrors) console.warn('a query filter throws')
   */
  stats(): DatabaseStats {
    return this.#core.stats()
  }

  /**
   * Adds an object and returns it live. The value is checked first (plain JSON, reserved `@`
   * keys, references to live objects of this space, {@link text} fields); a refused value
   * throws {@link EchoError} and writes nothing.
   *
   * With a type (see `defineType`), `data` is validated by the type's schema first: a value
   * it refuses throws `INVALID_VALUE` naming the field and the schema's message.
   *
   * @example const person = space.db.add({ '@type': 'person', name: 'Ada' })
   * @example const task = space.db.add(Task, { title: 'Buy milk', done: false })
   */
  add<T extends AnyEchoType>(type: T, data: InputOf<T>): EchoObject<FieldsOf<T>>
  add<T extends object>(value: T): EchoObject<T>
  add(typeOrValue: object, data?: unknown): EchoObject {
    const id = isEchoType(typeOrValue) ? typesOf(this.#core).add(typeOrValue, data) : this.#core.add(typeOrValue as Record<string, unknown>)
    return this.get(id)!
  }

  /**
   * The live object with this id, or undefined when there is none (never added, removed, or
   * not synced yet).
   *
   * With a type: undefined also when the object is not of that type or fails its schema
   * (counted in `stats().invalidObjects`).
   *
   * @example const task = space.db.get(id)
   * @example const task = space.db.get(id, Task) // EchoObject<Task fields> | undefined
   */
  get<T extends AnyEchoType>(id: string, type: T): EchoObject<FieldsOf<T>> | undefined
  get<T extends object = Record<string, unknown>>(id: string): EchoObject<T> | undefined
  get(id: string, type?: AnyEchoType): EchoObject | undefined {
    this.#core.assertOpen()
    if (typeof id !== 'string') return undefined
    return type && isEchoType(type) ? typesOf(this.#core).get(type, id) : this.#core.liveOf(id)
  }

  /**
   * Removes an object everywhere: it leaves every query, references to it read as undefined.
   * Throws `NOT_FOUND` for an unknown id.
   *
   * @example space.db.remove(task)
   */
  remove(objectOrId: EchoObject | string): void {
    this.#core.assertOpen()
    const id = typeof objectOrId === 'string' ? objectOrId : liveInfo(objectOrId)?.id
    if (!id || !this.#core.read.has(id)) {
      throw new EchoError('NOT_FOUND', `no object '${String(id)}' in this space`)
    }
    this.#core.remove(id)
  }

  /**
   * A live query. `filter` is an object of field values (dotted paths for nested fields, live
   * objects for references, functions as per-field predicates) or a predicate over the object.
   *
   * @example
   * const q = space.db.query({ '@type': 'task', done: false }, { sort: 'title' })
   * const stop = q.subscribe(() => render(q.objects))
   *
   * With a type first, results are typed, filter and sort keys are checked by the compiler,
   * and objects failing the schema are left out and listed in `q.invalid` (or included with
   * `{ includeInvalid: true }`).
   *
   * @example const open = space.db.query(Task, { done: false }, { sort: 'title' })
   */
  query<T extends AnyEchoType>(type: T, filter?: NoInfer<TypedFilter<FieldsOf<T>>>, options?: NoInfer<TypedQueryOptions<FieldsOf<T>>>): Query<FieldsOf<T>>
  query<T extends object = Record<string, unknown>>(filter?: Filter, options?: QueryOptions): Query<T>
  query(first?: unknown, second?: unknown, third?: unknown): Query<object> {
    this.#core.assertOpen()
    if (isEchoType(first)) {
      const options = third as TypedQueryOptions<object> | undefined
      return new Query(this, second as Filter, options as QueryOptions, typesOf(this.#core).check(first, !!options?.includeInvalid))
    }
    return new Query(this, first as Filter, second as QueryOptions)
  }

  /**
   * Commits pending writes and resolves once they are durable in storage.
   *
   * @example task.done = true; await space.db.flush()
   */
  flush(): Promise<void> {
    return this.#core.flush()
  }

  /**
   * Listens to every change in this database (local and remote); the listener gets the set of
   * changed object ids. Returns the unsubscribe function.
   *
   * @example const stop = space.db.subscribe((changes) => console.log(changes.size))
   */
  subscribe(listener: (changes: ChangeSet) => void): () => void {
    return this.#core.feed.subscribe(listener)
  }

  /**
   * Listens to changes of one object; the listener gets the changed top-level keys (null when
   * the whole object was added, replaced or removed).
   *
   * @example const stop = space.db.subscribeObject(task['@id'], (keys) => keys?.has('done') && redraw())
   */
  subscribeObject(id: string, listener: (keys: ReadonlySet<string> | null) => void): () => void {
    return this.#core.feed.subscribeObject(id, listener)
  }

  /**
   * The current plain snapshot of an object; its identity changes only when the object does.
   * Undefined when the object does not exist.
   */
  snapshotOf(id: string): Readonly<Record<string, unknown>> | undefined {
    return this.#core.read.snapshotOf(id)
  }

  /**
   * Takes back this device's latest step in this space: everything one task wrote (writes
   * commit at the end of their task), whether adds, removes, field writes or text edits. Remote changes are never undone. A part
   * that someone else changed since is left as they made it and counted in `skipped`; see
   * {@link UndoResult}. The undo is an ordinary write (it syncs) and goes on the redo stack.
   * Throws `FORBIDDEN` for readers, like every write. Given a scope, takes back the latest step
   * that touched that object or field.
   *
   * @example
   * const { done, skipped } = space.db.undo()
   */
  undo(scope?: UndoScope): UndoResult {
    return this.#core.undoRedo('undo', this.#scope(scope))
  }

  /**
   * Takes the latest undone step again (same rules as {@link Database.undo}). Any new local
   * write clears what there is to redo.
   *
   * @example space.db.undo(); space.db.redo()
   */
  redo(scope?: UndoScope): UndoResult {
    return this.#core.undoRedo('redo', this.#scope(scope))
  }

  /**
   * Whether there is something to undo or redo, live (`subscribe` + `getSnapshot`); what
   * `useUndo` reads. Each stack keeps the latest 100 steps, in memory only.
   *
   * @example space.db.history.getSnapshot().canUndo
   */
  get history(): UndoHistory {
    return this.#core.undoStack.history
  }

  /** True when {@link Database.undo} has a step to take back (same as `history.getSnapshot().canUndo`). */
  get canUndo(): boolean {
    return this.#core.undoStack.history.getSnapshot().canUndo
  }

  /** True when {@link Database.redo} has a step to take again. */
  get canRedo(): boolean {
    return this.#core.undoStack.history.getSnapshot().canRedo
  }

  #scope(scope: UndoScope | undefined): { id: string; field?: string } | undefined {
    if (!scope) return undefined
    const id = typeof scope.object === 'string' ? scope.object : liveInfo(scope.object)?.id
    if (!id) throw new EchoError('INVALID_VALUE', 'undo scope: object must be a live object of this space or its id')
    return { id, field: scope.field }
  }

  /** Collaborative text handle for a text field of an object. */
  text(objectOrId: EchoObject | string, field: string): TextHandle {
    const id = typeof objectOrId === 'string' ? objectOrId : liveInfo(objectOrId)?.id
    if (!id || !this.#core.read.has(id)) throw new EchoError('NOT_FOUND', `no object '${String(id)}' in this space`)
    return new TextHandle(this, id, field)
  }
}

/**
 * Creates a database together with its control. Only the owner (the Space) calls this, and
 * only it keeps `control`; everyone else gets `db`.
 *
 * @example
 * const { db, control } = createDatabase(spaceId, { flushStorage: () => repo.flush([docId]) })
 * control.attach(handle) // once the data document is available
 */
export function createDatabase(spaceId: string, options: DatabaseOptions = {}): { db: Database; control: DatabaseControl } {
  const db = new Database(spaceId, options)
  const core = coreOf(db)
  const control: DatabaseControl = Object.freeze({
    attach: (handle: DocHandle<DataDoc>) => core.attach(handle),
    detach: () => core.detach(),
    commit: () => core.commit(),
    warm: (entries: readonly [string, Record<string, unknown>][], invalidValues: number) => core.warm(entries, invalidValues),
    whenBound: () => core.whenBound(),
    copy: (minSize: number) => core.copy(minSize),
    showAhead: (fields: readonly RemoteField[]) => core.showAhead(fields),
    reconcile: (fields: readonly RemoteField[]) => core.reconcile(fields),
  })
  return { db, control }
}

