import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ComponentPropsWithoutRef,
  type KeyboardEvent,
  type ReactNode,
} from 'react'
import { useMessages } from './EchoUIProvider.tsx'
import { KitButton, Part, visuallyHidden } from './kit.tsx'

/**
 * Props of {@link ConfirmAction}.
 *
 * @example
 * const props: ConfirmActionProps = { label: 'Remove', subject: 'Bob', question: 'Remove Bob from Team?', onConfirm: () => space.removeMember(key) }
 */
export interface ConfirmActionProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** Visible text of the button and of the confirm button, e.g. "Remove". */
  label: string
  /** What the action is about, added to the button's accessible name ("Remove Bob"). */
  subject?: string | undefined
  /** The confirm question; it names the confirm group for screen readers. */
  question: ReactNode
  /** Text of the button that backs out. Default: the `cancel` message. */
  cancelLabel?: string | undefined
  /** Shown while `onConfirm` runs. Default `${label}…` ("Remove…"). */
  pendingLabel?: string | undefined
  /** Does the work; a rejection is shown as text next to the button. */
  onConfirm: () => void | Promise<void>
  /** Turns a rejection into the text shown. Default: the error's message. */
  formatError?: ((error: unknown) => string) | undefined
  /** Drop the look of `echo-kit/styles.css`. */
  unstyled?: boolean | undefined
}

/**
 * What a {@link ConfirmAction} is doing; also its `data-state`.
 *
 * @example
 * // CSS: [data-echo-confirm][data-state="confirming"] { background: #fef2f2 }
 * const state: ConfirmActionState = 'confirming'
 */
export type ConfirmActionState = 'idle' | 'confirming' | 'pending'

/**
 * A destructive action with a confirm step, inline (no nested dialog): the button turns into a
 * question with "Remove" and "Cancel" (focus on Cancel, so a double Enter does not destroy
 * anything); Escape backs out; while the work runs a status says so; a failure is shown as
 * text (`role="alert"`) and focus returns to the button.
 *
 * @example
 * <ConfirmAction label="Revoke" subject="Phone" question="Revoke Phone? It stops syncing." onConfirm={() => client.revokeDevice(key)} />
 */
export function ConfirmAction({
  label,
  subject,
  question,
  cancelLabel,
  pendingLabel,
  onConfirm,
  formatError = defaultFormatError,
  unstyled,
  ...rest
}: ConfirmActionProps) {
  const m = useMessages()
  const [state, setState] = useState<ConfirmActionState>('idle')
  const [error, setError] = useState<string | undefined>()
  // Where focus goes after the next render: the state just changed under the user's focus.
  const [focusNext, setFocusNext] = useState<'action' | 'cancel' | 'pending' | undefined>()
  const actionRef = useRef<HTMLButtonElement>(null)
  const cancelRef = useRef<HTMLButtonElement>(null)
  const pendingRef = useRef<HTMLSpanElement>(null)
  const mounted = useRef(true)
  const ids = useId()
  useEffect(() => {
    mounted.current = true
    return () => void (mounted.current = false)
  }, [])
  useLayoutEffect(() => {
    if (!focusNext) return
    ;(focusNext === 'action' ? actionRef : focusNext === 'cancel' ? cancelRef : pendingRef).current?.focus()
    setFocusNext(undefined)
  }, [focusNext])

  const back = () => {
    setState('idle')
    setFocusNext('action')
  }
  const run = async () => {
    setState('pending')
    setError(undefined)
    setFocusNext('pending')
    try {
      await onConfirm()
      if (!mounted.current) return
      setState('idle')
    } catch (e) {
      if (!mounted.current) return
      setError(formatError(e))
      setState('idle')
      setFocusNext('action')
    }
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape') return
    // Handled here: an enclosing dialog must not close on this Escape.
    event.preventDefault()
    event.stopPropagation()
    back()
  }
  // The visible label stays the start of the accessible name ("Remove Bob"), as WCAG 2.5.3 asks.
  const named = subject ? (
    <>
      {' '}
      <span style={visuallyHidden}>{subject}</span>
    </>
  ) : null

  return (
    <div data-part="confirm" {...rest} data-echo-confirm="" data-state={state} data-unstyled={unstyled ? '' : undefined}>
      {state === 'idle' && (
        <KitButton ref={actionRef} part="action" variant="danger" onClick={() => (setState('confirming'), setFocusNext('cancel'))}>
          {label}
          {named}
        </KitButton>
      )}
      {state === 'confirming' && (
        <Part part="question-group" role="group" aria-labelledby={`${ids}q`} onKeyDown={onKeyDown}>
          <Part as="span" part="question" id={`${ids}q`}>
            {question}
          </Part>
          <KitButton part="confirm" variant="danger" data-solid="" onClick={() => void run()}>
            {label}
            {named}
          </KitButton>
          <KitButton ref={cancelRef} part="back" onClick={back}>
            {cancelLabel ?? m.cancel}
          </KitButton>
        </Part>
      )}
      {state === 'pending' && (
        <Part as="span" ref={pendingRef} tabIndex={-1} role="status" part="pending">
          {pendingLabel ?? `${label}…`}
        </Part>
      )}
      {error && (
        <Part as="p" role="alert" part="error">
          {error}
        </Part>
      )}
    </div>
  )
}

function defaultFormatError(error: unknown): string {
  return (error as Error)?.message ? String((error as Error).message) : String(error)
}
