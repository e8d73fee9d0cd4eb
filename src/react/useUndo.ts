import { useCallback, useSyncExternalStore } from 'react'
import type { Space, UndoResult, UndoScope, UndoSnapshot } from '../core/index.ts'
import { useEchoContext } from './EchoContext.ts'

/** What {@link useUndo} returns. */
export interface UseUndoResult {
  /** Takes back this device's latest step in the space (see `db.undo`); undefined without a space. */
  undo: (scope?: UndoScope) => UndoResult | undefined
  /** Takes the latest undone step again (see `db.redo`); undefined without a space. */
  redo: (scope?: UndoScope) => UndoResult | undefined
  /** True when there is a step to undo. */
  canUndo: boolean
  /** True when there is a step to redo. */
  canRedo: boolean
}

const NOTHING: UndoSnapshot = Object.freeze({ canUndo: false, canRedo: false, undoSteps: 0, redoSteps: 0 })

/**
 * Undo and redo of this device's own changes in a space, live. Re-renders only when
 * `canUndo` / `canRedo` (or the step counts) change. `undo` / `redo` throw like `db.undo()`:
 * `FORBIDDEN` for readers (whose `canUndo` is false anyway: they never wrote), `CLOSED` after
 * the space was left.
 *
 * @example
 * const { undo, redo, canUndo, canRedo } = useUndo(space)
 * <button onClick={() => undo()} disabled={!canUndo}>Undo</button>
 */
export function useUndo(space: Space | undefined): UseUndoResult {
  useEchoContext('useUndo')
  const db = space?.db
  const subscribe = useCallback((l: () => void) => (db ? db.history.subscribe(l) : () => {}), [db])
  const get = () => db?.history.getSnapshot() ?? NOTHING
  const { canUndo, canRedo } = useSyncExternalStore(subscribe, get, get)
  const undo = useCallback((scope?: UndoScope) => db?.undo(scope), [db])
  const redo = useCallback((scope?: UndoScope) => db?.redo(scope), [db])
  return { undo, redo, canUndo, canRedo }
}
