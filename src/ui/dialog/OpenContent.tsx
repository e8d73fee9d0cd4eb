import { useEffect, useRef, useState, type CSSProperties } from 'react'
import { styleFor, tokens } from '../theme.ts'
import type { DialogContentProps } from './DialogContent.tsx'
import { useDialogContext } from './DialogContext.ts'
import { isTopDialog, pushDialog, removeDialog } from './dialogStack.ts'
import { focusFirst, trapTab } from './focusTrap.ts'
import { lockBodyScroll, unlockBodyScroll } from './scrollLock.ts'
import { setRef } from './setRef.ts'

/**
 * What {@link DialogContent} renders while open: the backdrop and the panel, mounted for as
 * long as the dialog is open. Mounting joins the dialog stack (locking page scroll for the
 * first dialog), moves focus in and starts the Escape and focus-trap listeners; unmounting
 * undoes all of that and returns focus. Used only by DialogContent; not exported from
 * `src/ui/index.ts`.
 *
 * @example open ? <OpenContent {...props} /> : null
 */
export function OpenContent({
  portal: _portal,
  container: _container,
  initialFocus,
  onEscapeKeyDown,
  closeOnOverlayClick = true,
  overlayClassName,
  overlayStyle: overlayStyleProp,
  unstyled,
  className,
  style,
  ref,
  onKeyDown,
  children,
  ...rest
}: DialogContentProps) {
  const context = useDialogContext('Content')
  const panelRef = useRef<HTMLDivElement | null>(null)
  const token = useRef({}).current
  // Read during render: autoFocus children take focus in the commit, before any effect runs.
  const [returnFocusTo] = useState(() => (typeof document === 'undefined' ? null : (document.activeElement as HTMLElement | null)))
  const latest = useRef({ setOpen: context.setOpen, onEscapeKeyDown, initialFocus })
  latest.current = { setOpen: context.setOpen, onEscapeKeyDown, initialFocus }
  const pressedOnOverlay = useRef(false)

  useEffect(() => {
    const panel = panelRef.current
    if (!panel) return
    if (pushDialog(token)) lockBodyScroll()
    if (!panel.contains(document.activeElement)) focusFirst(panel, latest.current.initialFocus)

    const onDocumentKeyDown = (event: KeyboardEvent) => {
      // Bubble phase, so a widget inside (a listbox, a combobox) can claim Escape first.
      if (event.key !== 'Escape' || event.defaultPrevented || !isTopDialog(token)) return
      latest.current.onEscapeKeyDown?.(event)
      if (event.defaultPrevented) return
      event.preventDefault()
      latest.current.setOpen(false)
    }
    const onDocumentFocusIn = (event: FocusEvent) => {
      const target = event.target as Element | null
      if (!isTopDialog(token) || !target || panel.contains(target)) return
      // A nested dialog's autoFocus runs before that dialog registers as the top one.
      if (target.closest?.('[data-echo-dialog-overlay]')) return
      focusFirst(panel)
    }
    document.addEventListener('keydown', onDocumentKeyDown)
    document.addEventListener('focusin', onDocumentFocusIn)
    return () => {
      document.removeEventListener('keydown', onDocumentKeyDown)
      document.removeEventListener('focusin', onDocumentFocusIn)
      if (removeDialog(token)) unlockBodyScroll()
      // Where focus was before opening, unless that element is gone (then the trigger).
      const back =
        returnFocusTo && returnFocusTo !== document.body && returnFocusTo.isConnected
          ? returnFocusTo
          : context.triggerRef.current
      back?.focus()
    }
    // Mount/unmount only: handlers read the latest props through `latest`.
  }, [])

  return (
    <div
      className={overlayClassName}
      data-echo-dialog-overlay=""
      data-state="open"
      style={styleFor(unstyled, overlayStyle, overlayStyleProp)}
      onMouseDown={(event) => {
        pressedOnOverlay.current = event.target === event.currentTarget
      }}
      onClick={(event) => {
        // Both press and release on the backdrop: a text selection dragged out of the panel is no "click outside".
        if (closeOnOverlayClick && pressedOnOverlay.current && event.target === event.currentTarget) context.setOpen(false)
        pressedOnOverlay.current = false
      }}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={context.hasTitle ? context.titleId : undefined}
        aria-describedby={context.hasDescription ? context.descriptionId : undefined}
        id={context.contentId}
        tabIndex={-1}
        {...rest}
        ref={(node: HTMLDivElement | null) => {
          panelRef.current = node
          setRef(ref, node)
        }}
        className={className}
        data-state="open"
        style={styleFor(unstyled, panelStyle, style)}
        onKeyDown={(event) => {
          onKeyDown?.(event)
          trapTab(event, panelRef.current)
        }}
      >
        {children}
      </div>
    </div>
  )
}

const overlayStyle: CSSProperties = {
  position: 'fixed',
  inset: 0,
  zIndex: 'var(--echo-dialog-z, 1000)',
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  padding: '1rem',
  background: 'var(--echo-overlay, rgba(17, 24, 39, 0.55))',
}

const panelStyle: CSSProperties = {
  position: 'relative',
  boxSizing: 'border-box',
  width: 'min(100%, 28rem)',
  maxHeight: '100%',
  overflow: 'auto',
  padding: '1.5rem',
  fontFamily: tokens.font,
  color: tokens.fg,
  background: tokens.bg,
  borderRadius: `calc(${tokens.radius} * 1.5)`,
  boxShadow: '0 20px 50px rgba(0, 0, 0, 0.25)',
  outline: 'none',
}
