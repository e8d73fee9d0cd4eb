import * as A from '@automerge/automerge'
import type { DocHandle } from '@automerge/automerge-repo'
import { bucketOf, type DataDoc, type RemoteField } from '../data/index.ts'
import { applyAhead } from './applyAhead.ts'
import type { SyncChange } from './SpaceGate.ts'

/** What {@link ShownAhead} needs of its space. */
export interface ShownAheadContext {
  /** The attached data document (undefined before the space attaches). */
  handle(): DocHandle<DataDoc> | undefined
  /** Shows fields in the read model and notifies; false when the database cannot (DatabaseControl.showAhead). */
  show(fields: readonly RemoteField[]): boolean
  /** Makes shown fields what the document holds (DatabaseControl.reconcile). */
  reconcile(fields: readonly RemoteField[]): void
}

/**
 * A live remote write, visible before Automerge applies it. Applying a change costs
 * Automerge ~1 ms in a browser (ops into the op set, then the JS document rebuilt along the
 * path), then automerge-repo's round (sync state, reply encoded, encrypted, sent) follows in
 * the same task, and subscribers (a React render) only after all of it. When an admitted change
 * is a plain overwrite or one text edit, its result is known from the change itself: this shows
 * it in the read model and notifies at once, and the change goes into the document (and the
 * message to the Repo) in a task of its own right after.
 *
 * Only when that is exactly what Automerge will hold: one change, made on top of every change
 * this copy has (its dependencies are our heads, so nothing is concurrent with it), and either
 * each op a `set` of a number, boolean or null on a top-level field the object already has,
 * replacing every value that field holds now (its `pred` lists them), or all ops one edit of
 * one top-level text field (a run of typed characters, or deletions), placed by Automerge's
 * own cursors of the characters the ops name. Anything else (lists, new fields, nested values,
 * strings that are not text, concurrent changes, a document chunk) takes the path of
 * {@link applyAhead}. After the change is applied the shown fields are read from the document
 * again, so if Automerge refused it the read model goes back to what the document holds.
 *
 * Order: anything that would touch the document first applies what is shown (the next
 * message's admission, our own commit through `beforeCommit`, the space closing), so a local
 * write made after seeing a remote value comes after it in Automerge's history too. The
 * message reaches the Repo only after its change is in the document (the gate returns the
 * promise of {@link ShownAhead.show} as its verdict, and later data messages wait behind it).
 *
 * Access: only changes the space's gate admitted reach this (same checks as applyAhead).
 *
 * @example const later = shown.show(changes) // undefined: apply ahead instead
 */
export class ShownAhead {
  readonly #context: ShownAheadContext
  #pending: { changes: readonly SyncChange[]; fields: RemoteField[]; done: () => void }[] = []
  #scheduled = false
  #shown = 0

  constructor(context: ShownAheadContext) {
    this.#context = context
  }

  /** Changes shown ahead so far (each applied to the document in a later task). */
  get shown(): number {
    return this.#shown
  }

  /** True while a change is shown but not yet in the document. */
  get pending(): boolean {
    return this.#pending.length > 0
  }

  /**
   * Shows `changes` now when they are a plain overwrite (see the class comment); returns the
   * promise that resolves once they are in the document, or undefined when they were not
   * shown (then nothing changed, and the caller applies them ahead as usual).
   */
  show(changes: readonly SyncChange[]): Promise<void> | undefined {
    this.flush()
    const handle = this.#context.handle()
    if (!handle?.isReady()) return undefined
    const fields = overwrites(handle.doc(), changes)
    if (!fields || !this.#context.show(fields)) return undefined
    this.#shown++
    if (!this.#scheduled) {
      this.#scheduled = true
      nextTask(() => {
        this.#scheduled = false
        this.flush()
      })
    }
    return new Promise((done) => this.#pending.push({ changes, fields, done }))
  }

  /** Applies every change shown so far to the document, in order, and releases their messages. */
  flush(): void {
    if (!this.#pending.length) return
    const pending = this.#pending.splice(0)
    const handle = this.#context.handle()
    for (const { changes, fields } of pending) {
      // A change Automerge refuses is left to the Repo's round, which reports it; either way
      // the shown fields become what the document holds.
      if (handle) applyAhead(handle, changes)
      this.#context.reconcile(fields)
    }
    for (const { done } of pending) done()
  }
}

/**
 * Runs `fn` in a task of its own, soon: `setImmediate` in Node, else a MessageChannel message.
 * Not a timer: timers are clamped (1 ms in Node, 4 ms when nested in browsers) and throttled to
 * once a second in hidden tabs, and the Repo would not get the message until then.
 */
const nextTask: (fn: () => void) => void =
  typeof setImmediate === 'function'
    ? (fn) => void setImmediate(fn)
    : (() => {
        const queue: (() => void)[] = []
        let channel: MessageChannel | undefined
        return (fn: () => void) => {
          if (!channel) {
            channel = new MessageChannel()
            channel.port1.onmessage = () => queue.shift()?.()
          }
          queue.push(fn)
          channel.port2.postMessage(null)
        }
      })()

type Backend = ReturnType<typeof A.getBackend>

/** Datatypes of scalar values shown ahead (booleans and null carry none). */
const SCALARS = new Set([undefined, 'int', 'uint', 'float64'])

/**
 * The fields `changes` set, when they are one change on top of every change `doc` has that
 * either overwrites existing top-level fields of objects with numbers, booleans or null, or
 * makes one edit to a top-level text field (one run of typed characters, or deletions);
 * undefined otherwise.
 */
export function overwrites(doc: A.Doc<DataDoc>, changes: readonly SyncChange[]): RemoteField[] | undefined {
  if (changes.length !== 1) return undefined
  const change = changes[0]!.decoded
  if (!change || !change.ops.length) return undefined
  const heads = A.getHeads(doc)
  if (change.deps.length !== heads.length || !change.deps.every((d) => heads.includes(d))) return undefined
  const backend = A.getBackend(doc)
  try {
    const first = change.ops[0]!
    if (first.action === 'del' || (first as { insert?: boolean }).insert) return textEdit(doc, backend, change)
    return scalarSets(backend, change)
  } catch {
    return undefined // an object or op this copy cannot resolve: the ordinary path decides
  }
}

/** The object id of a top-level field's parent map at `path`, if `path` is `objects/<bucket>/<id>`. */
function objectAt(path: A.Prop[] | undefined): string | undefined {
  return path?.length === 3 && path[0] === 'objects' && bucketOf(String(path[2])) === path[1] ? String(path[2]) : undefined
}

function scalarSets(backend: Backend, change: A.DecodedChange): RemoteField[] | undefined {
  const objects = new Map<string, string | undefined>()
  const fields: RemoteField[] = []
  for (const op of change.ops) {
    if (op.action !== 'set' || (op as { insert?: boolean }).insert || typeof op.key !== 'string' || !SCALARS.has(op.datatype)) return undefined
    const value: unknown = op.value
    if (!(value === null || typeof value === 'boolean' || (typeof value === 'number' && op.datatype !== undefined))) return undefined
    if (!objects.has(op.obj)) objects.set(op.obj, objectAt(backend.objInfo(op.obj as A.ObjID).path))
    const id = objects.get(op.obj)
    if (id === undefined) return undefined
    // Every value the field holds now is replaced (nothing concurrent stays as a conflict).
    const current = backend.getAll(op.obj as A.ObjID, op.key) as unknown[][]
    if (!current.length || !current.every((v) => op.pred.includes(String(v[v.length - 1])))) return undefined
    fields.push({ id, key: op.key, raw: value })
  }
  return fields
}

/** UTF-16 units of the character at `index` (Automerge's text elements are code points). */
const widthAt = (text: string, index: number) => (/[\uD800-\uDBFF]/.test(text[index] ?? '') ? 2 : 1)

/**
 * One edit of one text field: characters typed in a run (each after the one before, the first
 * after a character we have, or at the start), or characters deleted. Positions come from
 * Automerge's cursors of the elements the ops name (checked to be visible where we look).
 */
function textEdit(doc: A.Doc<DataDoc>, backend: Backend, change: A.DecodedChange): RemoteField[] | undefined {
  const ops = change.ops as (A.DecodedChange['ops'][number] & { elemId?: string; insert?: boolean })[]
  const obj = ops[0]!.obj
  const info = backend.objInfo(obj as A.ObjID)
  const path = info.path
  if (info.type !== 'text' || !path || path.length !== 4 || typeof path[3] !== 'string') return undefined
  const id = objectAt(path.slice(0, 3))
  const key = path[3]
  const text: unknown = id === undefined ? undefined : doc.objects?.[String(path[1])]?.[id]?.[key]
  if (id === undefined || typeof text !== 'string') return undefined
  const at = (elem: string | undefined): number | undefined => {
    if (!elem) return undefined
    const index = A.getCursorPosition(doc, path, elem)
    return index < text.length && A.getCursor(doc, path, index) === elem ? index : undefined
  }
  if (ops.every((op) => op.obj === obj && op.action === 'del' && op.pred.length === 1 && op.pred[0] === op.elemId)) {
    const indexes = ops.map((op) => at(op.elemId))
    if (indexes.some((i) => i === undefined) || new Set(indexes).size !== indexes.length) return undefined
    let next = text
    for (const i of (indexes as number[]).sort((a, b) => b - a)) next = next.slice(0, i) + next.slice(i + widthAt(next, i))
    return [{ id, key, raw: next }]
  }
  const typed = ops.every(
    (op, i) =>
      op.obj === obj &&
      op.action === 'set' &&
      op.insert &&
      typeof op.value === 'string' &&
      (i === 0 || op.elemId === `${change.startOp + i - 1}@${change.actor}`),
  )
  if (!typed) return undefined
  const anchor = ops[0]!.elemId
  const after = anchor === '_head' ? 0 : at(anchor)
  if (after === undefined) return undefined
  const index = anchor === '_head' ? 0 : after + widthAt(text, after)
  return [{ id, key, raw: text.slice(0, index) + ops.map((op) => op.value).join('') + text.slice(index) }]
}
