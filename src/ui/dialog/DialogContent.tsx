import {
  useContext,
  useLayoutEffect,
  useRef,
  useSyncExternalStore,
  type ComponentPropsWithoutRef,
  type MouseEvent as ReactMouseEvent,
  type Ref,
  type RefObject,
} from 'react'
import { createPortal } from 'react-dom'
import type { PartProps } from '../Slot.tsx'
import { PortalContext, useDialogContext } from './DialogContext.ts'
import { closeModal, focusInitial, isOutside, showModal } from './nativeDialog.ts'
import { setRef } from '../setRef.ts'

/**
 * Props of {@link DialogContent}.
 *
 * @example
 * const props: DialogContentProps = { portal: false, closeOnOverlayClick: false }
 */
export interface DialogContentProps extends Omit<ComponentPropsWithoutRef<'dialog'>, 'open'>, Omit<PartProps, 'asChild'> {
  /** Render into `container` (default `document.body`). Default true; ignored inside `<Dialog.Portal>`. */
  portal?: boolean | undefined
  container?: Element | null | undefined
  /** Element to focus on open. Default: an element with `data-autofocus`/`autofocus`, else the first tabbable, else the panel. */
  initialFocus?: RefObject<HTMLElement | null> | undefined
  /** Called on Escape; `event.preventDefault()` keeps the dialog open (e.g. while a code is being checked). */
  onEscapeKeyDown?: ((event: KeyboardEvent) => void) | undefined
  /** Close when the backdrop (outside the panel) is clicked. Default true. */
  closeOnOverlayClick?: boolean | undefined
  /** Stay mounted (closed, `data-state="closed"`) when the dialog is closed. */
  forceMount?: boolean | undefined
  ref?: Ref<HTMLDialogElement> | undefined
}

function subscribeNothing(): () => void {
  return () => {}
}

/**
 * The dialog itself: a native `<dialog>` opened with `showModal()`, so the browser puts it in
 * the top layer, makes the rest of the page inert (focus and clicks stay inside), and dims the
 * page with `::backdrop`. It is named by its Title and described by its Description. On open
 * it focuses `initialFocus`, a `data-autofocus` element or the first tabbable one; Escape or a
 * backdrop click close it; focus then returns where it was (usually the trigger).
 *
 * While closing it stays with `data-state="closed"` until its CSS animations have finished, so
 * exit animations work; then it closes and unmounts.
 *
 * @example
 * <Dialog.Content initialFocus={codeRef} onEscapeKeyDown={(e) => busy && e.preventDefault()}>
 *   <Dialog.Title>Join a space</Dialog.Title>
 *   ...
 * </Dialog.Content>
 */
export function DialogContent({
  portal = true,
  container,
  initialFocus,
  onEscapeKeyDown,
  closeOnOverlayClick = true,
  forceMount,
  unstyled,
  ref,
  onKeyDown,
  onMouseDown,
  onClick,
  onCancel,
  onClose,
  children,
  ...rest
}: DialogContentProps) {
  const context = useDialogContext('Content')
  const { open, present, setOpen, setPresent } = context
  const inPortal = useContext(PortalContext)
  const isClient = useSyncExternalStore(subscribeNothing, () => true, () => false)
  const node = useRef<HTMLDialogElement | null>(null)
  const pressedOutside = useRef(false)
  // Where focus was before opening, read during render: autoFocus children take focus in the
  // commit, before any effect could look.
  const returnTo = useRef<Element | null>(null)
  const wasOpen = useRef(false)
  if (open && !wasOpen.current && typeof document !== 'undefined') returnTo.current = document.activeElement
  wasOpen.current = open
  const latest = useRef({ initialFocus, onEscapeKeyDown })
  latest.current = { initialFocus, onEscapeKeyDown }

  const restoreFocus = () => {
    const back = returnTo.current as HTMLElement | null
    const target = back && back !== document.body && back.isConnected ? back : context.triggerRef.current
    target?.focus()
  }

  useLayoutEffect(() => {
    const dialog = node.current
    if (!dialog) return
    if (open) {
      if (!dialog.open) {
        showModal(dialog)
        focusInitial(dialog, latest.current.initialFocus)
      }
      return
    }
    if (!dialog.open) return
    const finish = () => {
      closeModal(dialog)
      restoreFocus()
      setPresent(false)
    }
    // Exit animations started by data-state="closed" (getAnimations forces the style update).
    // Endless ones (a pulsing status dot, a blinking caret) never finish, so they do not count.
    const running = (typeof dialog.getAnimations === 'function' ? dialog.getAnimations({ subtree: true }) : []).filter(
      (animation) => animation.effect?.getTiming().iterations !== Infinity,
    )
    if (running.length === 0) return finish()
    let live = true
    void Promise.allSettled(running.map((animation) => animation.finished)).then(() => live && finish())
    return () => {
      live = false
    }
    // Runs on open/close only; the focus target and handlers are read through `latest`.
  }, [open])

  // Unmounted while open (its Root went away): give the page its focus back.
  useLayoutEffect(() => {
    const dialog = node.current
    return () => {
      if (dialog?.open) {
        closeModal(dialog)
        restoreFocus()
      }
    }
  }, [])

  if (!present && !forceMount) return null
  const element = (
    <dialog
      aria-labelledby={context.hasTitle ? context.titleId : undefined}
      aria-describedby={context.hasDescription ? context.descriptionId : undefined}
      aria-modal="true"
      id={context.contentId}
      tabIndex={-1}
      data-echo-dialog=""
      data-part="content"
      data-state={open ? 'open' : 'closed'}
      data-unstyled={unstyled ? '' : undefined}
      {...rest}
      ref={(element: HTMLDialogElement | null) => {
        node.current = element
        setRef(ref, element)
      }}
      onKeyDown={(event) => {
        onKeyDown?.(event)
        if (event.key !== 'Escape' || event.defaultPrevented) return
        // Ours alone: an outer dialog (React bubbles through portals) must not close too.
        event.stopPropagation()
        latest.current.onEscapeKeyDown?.(event.nativeEvent)
        // Always prevented: the browser would close the <dialog> behind React's back.
        const kept = event.nativeEvent.defaultPrevented
        event.preventDefault()
        if (!kept) setOpen(false)
      }}
      onCancel={(event) => {
        onCancel?.(event)
        // A cancel without our keydown (e.g. a device back button): close through the state.
        event.preventDefault()
        if (open) setOpen(false)
      }}
      onClose={(event) => {
        onClose?.(event)
        // Closed by the browser itself (a close watcher): bring the state along.
        if (open && !node.current?.open) setOpen(false)
      }}
      onMouseDown={(event: ReactMouseEvent<HTMLDialogElement>) => {
        onMouseDown?.(event)
        pressedOutside.current = event.target === event.currentTarget && isOutside(event.currentTarget, event)
      }}
      onClick={(event: ReactMouseEvent<HTMLDialogElement>) => {
        onClick?.(event)
        // Press and release both outside the panel: a text selection dragged out is no "click outside".
        const outside = event.target === event.currentTarget && isOutside(event.currentTarget, event)
        if (closeOnOverlayClick && pressedOutside.current && outside && !event.defaultPrevented) setOpen(false)
        pressedOutside.current = false
      }}
    >
      {children}
    </dialog>
  )
  if (!portal || inPortal) return element
  if (!isClient) return null
  return createPortal(element, container ?? document.body)
}
