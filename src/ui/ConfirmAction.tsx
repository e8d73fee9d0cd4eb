import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ComponentPropsWithoutRef,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
} from 'react'
import { panelStyles } from './panelStyles.ts'
import { buttonStyle, styleFor, tokens, visuallyHidden } from './theme.ts'

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
  subject?: string
  /** The confirm question; it names the confirm group for screen readers. */
  question: ReactNode
  /** Text of the button that backs out. Default "Cancel". */
  cancelLabel?: string
  /** Shown while `onConfirm` runs. Default `${label}…` ("Remove…"). */
  pendingLabel?: string
  /** Does the work; a rejection is shown as text next to the button. */
  onConfirm: () => void | Promise<void>
  /** Turns a rejection into the text shown. Default: the error's message. */
  formatError?: (error: unknown) => string
  unstyled?: boolean
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
  cancelLabel = 'Cancel',
  pendingLabel,
  onConfirm,
  formatError = defaultFormatError,
  unstyled,
  style,
  ...rest
}: ConfirmActionProps) {
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
  const s = (css: CSSProperties) => (unstyled ? undefined : css)
  // The visible label stays the start of the accessible name ("Remove Bob"), as WCAG 2.5.3 asks.
  const named = subject ? (
    <>
      {' '}
      <span style={visuallyHidden}>{subject}</span>
    </>
  ) : null

  return (
    <div {...rest} data-echo-confirm="" data-state={state} style={styleFor(unstyled, rootStyle, style)}>
      {state === 'idle' && (
        <button ref={actionRef} type="button" style={s({ ...dangerButton, flex: 'none' })} onClick={() => (setState('confirming'), setFocusNext('cancel'))}>
          {label}
          {named}
        </button>
      )}
      {state === 'confirming' && (
        <div role="group" aria-labelledby={`${ids}q`} onKeyDown={onKeyDown} style={s(confirmStyle)}>
          <span id={`${ids}q`} style={s({ flex: '1 1 12rem', fontSize: '0.875rem', fontWeight: 500 })}>
            {question}
          </span>
          <button type="button" style={s({ ...dangerSolid, flex: 'none' })} onClick={() => void run()}>
            {label}
            {named}
          </button>
          <button ref={cancelRef} type="button" style={s({ ...buttonStyle, ...small, flex: 'none' })} onClick={back}>
            {cancelLabel}
          </button>
        </div>
      )}
      {state === 'pending' && (
        <span ref={pendingRef} tabIndex={-1} role="status" style={s({ ...panelStyles.hint, outline: 'none' })}>
          {pendingLabel ?? `${label}…`}
        </span>
      )}
      {error && (
        <p role="alert" data-part="error" style={s({ ...panelStyles.error, flexBasis: '100%' })}>
          {error}
        </p>
      )}
    </div>
  )
}

function defaultFormatError(error: unknown): string {
  return (error as Error)?.message ? String((error as Error).message) : String(error)
}

// No box of its own: the button, the confirm row and the error are laid out by the parent
// (a flex row that wraps, as in MemberList), so a question or an error takes a line of its own.
const rootStyle: CSSProperties = { display: 'contents' }
const confirmStyle: CSSProperties = {
  flex: '1 1 100%',
  display: 'flex',
  flexWrap: 'wrap',
  alignItems: 'center',
  justifyContent: 'flex-end',
  gap: '0.5rem',
}
const small: CSSProperties = { padding: '0.35em 0.8em', fontSize: '0.875rem' }
const dangerButton: CSSProperties = { ...buttonStyle, ...small, color: tokens.danger }
const dangerSolid: CSSProperties = { ...buttonStyle, ...small, color: '#ffffff', background: tokens.danger, borderColor: 'transparent' }
