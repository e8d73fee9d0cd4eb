import { useCallback, useSyncExternalStore } from 'react'
import type { Space, UndoResult, UndoScope } from '../core/index.ts'
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

/**
 * Undo and redo of this device's own changes in a space, live. Re-renders only when
 * `canUndo` or `canRedo` changes (not on every step that lands on a non-empty stack). `undo` / `redo` throw like `db.undo()`:
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
  // Both flags as one number: equal numbers let React skip the render.
  const get = () => {
    const s = db?.history.getSnapshot()
    return s ? (s.canUndo ? 1 : 0) | (s.canRedo ? 2 : 0) : 0
  }
  const flags = useSyncExternalStore(subscribe, get, get)
  const canUndo = (flags & 1) !== 0
  const canRedo = (flags & 2) !== 0
  const undo = useCallback((scope?: UndoScope) => db?.undo(scope), [db])
  const redo = useCallback((scope?: UndoScope) => db?.redo(scope), [db])
  return { undo, redo, canUndo, canRedo }
}
