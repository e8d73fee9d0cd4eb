import type * as A from '@automerge/automerge'
import type { DataDoc } from './DataDoc.ts'
import { MAX_UNDO_STEPS, UndoHistory, type UndoResult, type UndoSnapshot } from './UndoHistory.ts'
import { snapshotKeyOf } from './storedMeta.ts'
import { anchorText, invert, objectIn, partIn, partsOf, type Part } from './undoParts.ts'
import type { PendingKeys, WriteOp } from './WriteQueue.ts'

/** One step: the parts of one local commit (one task's writes). */
type Step = Part[]

/** What the stack needs from its database: queue a write, and commit the queue now. */
export interface UndoWriter {
  enqueue(id: string, key: string | null, op: WriteOp): void
  commit(): void
}

/**
 * The undo and redo stacks of one database on this device. Folder-internal: the public face
 * is `db.undo()` / `db.redo()` / `db.history`.
 *
 * The database shows it every local commit: the committed document before and after, and the
 * objects and fields the commit wrote. It reads both from Automerge's materialised documents
 * (plain reads, nothing inside the change), keeps what was overwritten and what was written,
 * and for text edits only the edited passage (cursors are taken from the after-document when
 * an undo needs them, so typing pays for no cursor). Writes commit at the end of their task, so a step
 * is a task's writes; commits made mid-task (text edits, flush) join the task's step. Remote
 * changes never pass through here, so they never enter a stack.
 *
 * Undo queues the inverse of the top step as ordinary writes and commits them at once (so they
 * sync like any write); that commit is itself recorded, on the redo stack. Redo is the same
 * the other way. A new local commit clears the redo stack. Each stack keeps
 * {@link MAX_UNDO_STEPS} steps; memory only (a reload starts with empty stacks).
 */
export class UndoStack {
  /** The observable state, handed out as `db.history`. */
  readonly history: UndoHistory
  #publish!: (next: UndoSnapshot) => void
  #undo: Step[] = []
  #redo: Step[] = []
  /** What the commit being recorded is: a new write, an undo, or a redo. */
  #mode: 'write' | 'undo' | 'redo' = 'write'
  /** True while the top undo step belongs to the task still running (later commits join it). */
  #open = false
  /** Of the open step: objects it added, and its latest part per field (`id\u0000key`). */
  #openAdded = new Set<string>()
  #openFields = new Map<string, Part>()
  #unrecorded = 0
  readonly #writer: UndoWriter

  constructor(writer: UndoWriter) {
    this.#writer = writer
    this.history = new UndoHistory((publish) => {
      this.#publish = publish
    })
  }

  /** Steps that could not be recorded (the commit went through; only its undo is missing). */
  get unrecorded(): number {
    return this.#unrecorded
  }

  /**
   * Records one local commit: `before` and `after` are the committed documents around it,
   * `touched` the objects and top-level keys it wrote. Puts the step on the stack its mode
   * says. Never throws: the writes went through whatever happens here (a failure is counted).
   */
  committed(before: A.Doc<DataDoc> | undefined, after: A.Doc<DataDoc>, touched: PendingKeys): void {
    // The mode is for the undo's (redo's) own commit only: a listener that writes and commits
    // while that commit notifies makes a new write.
    const mode = this.#mode
    this.#mode = 'write'
    const step: Step = []
    try {
      for (const [id, keys] of touched) partsOf(id, keys, before && objectIn(before, id), objectIn(after, id), after, step)
    } catch {
      // A value we could not copy (a shape no check expected): this commit has no undo step.
      this.#unrecorded++
      return
    }
    if (!step.length) return
    if (mode === 'undo') push(this.#redo, step)
    else if (mode === 'redo') push(this.#undo, step)
    else {
      if (this.#open && this.#undo.length) this.#join(this.#undo[this.#undo.length - 1]!, step)
      else {
        push(this.#undo, step)
        this.#open = true
        this.#openAdded.clear()
        this.#openFields.clear()
        this.#index(step)
        queueMicrotask(this.#closeTask)
      }
      this.#redo = []
    }
    this.#emit()
  }

  /**
   * Ends the task's step at its first microtask checkpoint. A task can commit more than once
   * (a text edit, a cursor read or flush() commits at once, mid-task); writes still pending here
   * were made in the same task, so they are committed into the same step first.
   */
  readonly #closeTask = (): void => {
    if (!this.#open) return
    this.#writer.commit()
    this.#open = false
    this.#openAdded.clear()
    this.#openFields.clear()
  }

  /**
   * Takes back the latest step (of the scope, when given: the latest step with a part on that
   * object or field). The caller has committed pending writes and checked that we may write.
   */
  undo(scope?: { id: string; field?: string }): UndoResult {
    return this.#apply('undo', scope)
  }

  /** Takes again the latest undone step (of the scope, when given). */
  redo(scope?: { id: string; field?: string }): UndoResult {
    return this.#apply('redo', scope)
  }

  #apply(mode: 'undo' | 'redo', scope: { id: string; field?: string } | undefined): UndoResult {
    // Whatever the task wrote so far is one finished step now.
    this.#open = false
    const stack = mode === 'undo' ? this.#undo : this.#redo
    const at = scope ? findLast(stack, (step) => step.some((p) => partIn(p, scope.id, scope.field))) : stack.length - 1
    if (at < 0) return { done: false, applied: 0, skipped: 0 }
    const [step] = stack.splice(at, 1)
    let applied = 0
    let skipped = 0
    for (const part of step!) if (part.kind === 'text') anchorText(part)
    // One part per object or field, so the order within a step does not matter; newest first anyway.
    for (let i = step!.length - 1; i >= 0; i--) {
      const part = step![i]!
      // Queued under its snapshot key (`@meta` for a flat meta key), as every local write is.
      const key = part.kind === 'added' || part.kind === 'removed' ? null : snapshotKeyOf(part.key)
      this.#writer.enqueue(part.id, key, (d) => {
        if (invert(d, part)) applied++
        else skipped++
      })
    }
    this.#mode = mode
    try {
      this.#writer.commit()
    } finally {
      this.#mode = 'write'
      // The recorded inverse (if anything was applied) emitted already; a fully skipped step did not.
      this.#emit()
    }
    return { done: true, applied, skipped }
  }

  /**
   * Adds a later commit of the same task to its step: a field written again keeps its first
   * `before` and takes the new `after`; anything on an object the step added is covered by
   * undoing the add. Other parts are appended (undo runs them newest first). Indexed, so a
   * task that commits thousands of times stays linear.
   */
  #join(step: Step, later: Step): void {
    const added: Part[] = []
    for (const part of later) {
      if (this.#openAdded.has(part.id)) continue
      if (part.kind === 'field') {
        const earlier = this.#openFields.get(`${part.id}\u0000${part.key}`)
        if (earlier?.kind === 'field') {
          earlier.after = part.after
          continue
        }
      }
      step.push(part)
      added.push(part)
    }
    this.#index(added)
  }

  #index(parts: Part[]): void {
    for (const part of parts) {
      if (part.kind === 'added') this.#openAdded.add(part.id)
      else if (part.kind === 'field' || part.kind === 'text') this.#openFields.set(`${part.id}\u0000${part.key}`, part)
    }
  }

  #emit(): void {
    this.#publish({ canUndo: this.#undo.length > 0, canRedo: this.#redo.length > 0, undoSteps: this.#undo.length, redoSteps: this.#redo.length })
  }
}

function push(stack: Step[], step: Step): void {
  stack.push(step)
  if (stack.length > MAX_UNDO_STEPS) stack.shift()
}

function findLast<T>(list: T[], test: (item: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i]!)) return i
  return -1
}
