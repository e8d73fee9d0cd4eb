import { useCallback, type KeyboardEvent } from 'react'
import type { TextHandle } from '../core/index.ts'

/**
 * The keyboard undo of a collaborative text field: Ctrl/Cmd+Z undoes, Shift+Ctrl/Cmd+Z and
 * Ctrl+Y redo, each scoped to this field (`text.undo()`: the latest step of this device that
 * edited this field, even when other steps came after it). The browser's own undo is always
 * prevented: it knows nothing of remote edits and would replay stale text. `onKeyDown` runs
 * first; calling `preventDefault()` there keeps the keys for the app.
 *
 * @example
 * const onKeyDown = useUndoKeys(text, props.onKeyDown)
 * <textarea onKeyDown={onKeyDown} />
 */
export function useUndoKeys<E extends Element>(text: TextHandle | undefined, onKeyDown?: (event: KeyboardEvent<E>) => void): (event: KeyboardEvent<E>) => void {
  return useCallback(
    (event: KeyboardEvent<E>) => {
      onKeyDown?.(event)
      if (event.defaultPrevented || !text) return
      const action = undoAction(event)
      if (!action) return
      event.preventDefault()
      if (action === 'undo') text.undo()
      else text.redo()
    },
    [text, onKeyDown],
  )
}

function undoAction(event: KeyboardEvent): 'undo' | 'redo' | undefined {
  const mod = event.ctrlKey || event.metaKey
  if (!mod || event.altKey) return undefined
  const key = event.key.toLowerCase()
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo'
  if (key === 'y' && event.ctrlKey && !event.shiftKey) return 'redo'
  return undefined
}
