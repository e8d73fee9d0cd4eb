import { useLayoutEffect, useRef, type ChangeEvent, type InputHTMLAttributes, type KeyboardEvent, type TextareaHTMLAttributes } from 'react'
import type { EchoObject } from '../core/index.ts'
import { useText } from '../react/index.ts'
import { useUndoKeys } from './useUndoKeys.ts'
import { RemoteCarets } from './RemoteCarets.tsx'

type Shared = {
  /** The live object holding the text. */
  object: EchoObject | undefined
  /** The collaborative text field to edit. */
  field: string
}

/** Props of {@link TextField}: a textarea (`multiline`) or an input, plus the usual DOM props. */
export type TextFieldProps = Shared &
  (
    | ({ multiline: true } & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'defaultValue' | 'onChange'>)
    | ({ multiline?: false } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'defaultValue' | 'onChange' | 'type'>)
  ) & {
    /** Called after each local edit with the new text. */
    onValueChange?: ((value: string) => void) | undefined
  }

/**
 * A collaborative text input or textarea bound to a text field. Local typing becomes character
 * edits that merge with other peers' edits, and the caret (and selection) stays on the same
 * characters while remote edits arrive. Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z (or Ctrl+Y) undo and
 * redo this device's own edits of this field ({@link useUndoKeys}). Other members' carets in the
 * same field are drawn over it with their names (see RemoteCarets), and this device's caret is
 * shared through presence.
 *
 * @example
 * <TextField object={task} field="notes" multiline aria-label="Notes" rows={4} />
 */
export function TextField(props: TextFieldProps) {
  const { object, field, multiline, onValueChange, ...rest } = props as Shared & { multiline?: boolean; onValueChange?: (v: string) => void } & Record<string, unknown>
  const { value, text, update } = useText(object, field)
  // Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z (Ctrl+Y) undo / redo this field's own edits.
  const onKeyDown = useUndoKeys(text, rest.onKeyDown as ((e: KeyboardEvent<Element>) => void) | undefined)
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null)
  // Selection as text cursors, so it can be mapped through remote edits.
  const selection = useRef<{ start: string; end: string; value: string } | null>(null)

  const remember = () => {
    const el = ref.current
    if (!el || !text || document.activeElement !== el) return
    try {
      selection.current = { start: text.cursor(el.selectionStart ?? 0), end: text.cursor(el.selectionEnd ?? 0), value: el.value }
    } catch {
      // No cursor while the field is not collaborative text yet (missing or an atomic string): leave the caret unmapped.
      selection.current = null
    }
  }

  useLayoutEffect(() => {
    const el = ref.current
    const saved = selection.current
    if (!el || !text || !saved || document.activeElement !== el || saved.value === value) return
    // A remote edit changed the text under the caret: put the caret back on its characters.
    const start = text.position(saved.start)
    const end = text.position(saved.end)
    el.setSelectionRange(start, end)
    selection.current = { ...saved, value }
  }, [value, text])

  const onChange = (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    update(e.target.value)
    onValueChange?.(e.target.value)
    remember()
  }
  const common = {
    ...rest,
    ref,
    value,
    onChange,
    onSelect: remember,
    onKeyUp: remember,
    onFocus: remember,
    onKeyDown,
    disabled: (rest.disabled as boolean | undefined) ?? !text,
    'data-echo-text': field,
    'data-part': 'text-field',
  }
  return (
    <>
      {multiline ? <textarea {...(common as TextareaHTMLAttributes<HTMLTextAreaElement>)} /> : <input type="text" {...(common as InputHTMLAttributes<HTMLInputElement>)} />}
      <RemoteCarets target={ref} object={object} field={field} text={text} value={value} />
    </>
  )
}
