import { Store } from '../shared/index.ts'
import type { EchoObject } from './LiveObject.ts'

/** What `db.history` holds: whether there is something to undo or redo, and how much. */
export interface UndoSnapshot {
  /** True when `db.undo()` has a step to take back. */
  canUndo: boolean
  /** True when `db.redo()` has a step to take again. */
  canRedo: boolean
  /** Steps on the undo stack (at most {@link MAX_UNDO_STEPS}). */
  undoSteps: number
  /** Steps on the redo stack. */
  redoSteps: number
}

/**
 * What one `db.undo()` / `db.redo()` did. A step is made of parts: one per object added or
 * removed, one per top-level field written, one per text field edited. A part is skipped (and
 * left as it is) when someone else changed it since: another value in that field, the edited
 * characters changed, the object removed or already back.
 *
 * @example
 * const { done, skipped } = space.db.undo()
 * if (done && skipped) toast(`${skipped} change(s) were kept: someone edited them since`)
 */
export interface UndoResult {
  /** True when a step was taken off the stack (false: there was nothing to undo / redo). */
  done: boolean
  /** Parts of the step written back. */
  applied: number
  /** Parts left alone because someone else changed them since. */
  skipped: number
}

/**
 * Narrows undo / redo to the latest step that touched one object (any part of it) or one field
 * of it (a written field or an edited text field). The step is still undone whole: a step is
 * one task's commit, and it stays atomic. Used by `TextField` for Ctrl/Cmd+Z.
 *
 * @example space.db.undo({ object: note, field: 'body' })
 */
export interface UndoScope {
  /** The object (live, or its id). */
  object: EchoObject | string
  /** A top-level field of it; omitted: any part of the object, including its add or remove. */
  field?: string
}

/** How many steps the undo stack keeps per space and device; older steps are dropped. */
export const MAX_UNDO_STEPS = 100

const EMPTY: UndoSnapshot = { canUndo: false, canRedo: false, undoSteps: 0, redoSteps: 0 }

/**
 * The observable state of a database's undo stack (`space.db.history`): subscribe + snapshot,
 * so `useUndo` binds to it with one `useSyncExternalStore`. Only the stack that creates it can
 * change it (it receives the setter once, at construction).
 *
 * @example
 * space.db.history.subscribe(() => console.log(space.db.history.getSnapshot().canUndo))
 */
export class UndoHistory extends Store<UndoSnapshot> {
  /** Made by the database's undo stack, which is handed the setter through `register`. */
  constructor(register: (publish: (next: UndoSnapshot) => void) => void) {
    super(EMPTY)
    register((next) => this.set(next))
  }
}
