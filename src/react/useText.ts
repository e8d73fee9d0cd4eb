import { useCallback, useMemo, useSyncExternalStore } from 'react'
import { getObjectId, getText, type EchoObject, type TextHandle } from '../core/index.ts'
import { useEchoContext } from './EchoContext.ts'

/** What {@link useText} returns. */
export interface UseTextResult {
  /** Current text ('' while the object is missing). */
  value: string
  /** The collaborative text handle (splice, update, cursor, position); undefined while missing. */
  text: TextHandle | undefined
  /** Replace the whole text as a character diff (merges with concurrent edits). */
  update: (next: string) => void
  /** Delete `deleteCount` characters at `index` and insert `insert` there. */
  splice: (index: number, deleteCount: number, insert?: string) => void
}

/**
 * A collaborative text field of a live object, live. Edits merge character by character with
 * concurrent edits from other peers.
 *
 * @example
 * const { value, update } = useText(note, 'body')
 * return <textarea value={value} onChange={(e) => update(e.target.value)} />
 */
export function useText(object: EchoObject | undefined, field: string): UseTextResult {
  useEchoContext('useText')
  const id = object ? getObjectId(object) : undefined
  // Keyed by id: a new per-version view of the same object must not make a new handle.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const text = useMemo(() => (object && id ? safeText(object, field) : undefined), [id, field])
  const subscribe = useCallback((l: () => void) => (text ? text.subscribe(l) : () => {}), [text])
  const get = () => text?.value ?? ''
  const value = useSyncExternalStore(subscribe, get, get)
  const update = useCallback((next: string) => text?.update(next), [text])
  const splice = useCallback((i: number, d: number, s?: string) => text?.splice(i, d, s), [text])
  return { value, text, update, splice }
}

function safeText(object: EchoObject, field: string): TextHandle | undefined {
  try {
    return getText(object, field)
  } catch {
    return undefined // not a text field (yet, or no longer): the hook shows the plain value
  }
}
