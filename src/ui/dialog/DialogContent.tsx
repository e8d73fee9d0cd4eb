import { useSyncExternalStore, type ComponentPropsWithoutRef, type CSSProperties, type Ref, type RefObject } from 'react'
import { createPortal } from 'react-dom'
import { useDialogContext } from './DialogContext.ts'
import { OpenContent } from './OpenContent.tsx'

/**
 * Props of {@link DialogContent}.
 *
 * @example
 * const props: DialogContentProps = { portal: false, closeOnOverlayClick: false }
 */
export interface DialogContentProps extends ComponentPropsWithoutRef<'div'> {
  /** Render into `container` (default `document.body`) so no ancestor's overflow or z-index clips it. Default true. */
  portal?: boolean
  container?: Element | null
  /** Element to focus on open. Default: an element with `autoFocus`/`data-autofocus`, else the first tabbable, else the panel. */
  initialFocus?: RefObject<HTMLElement | null>
  /** Called on Escape; `event.preventDefault()` keeps the dialog open (e.g. while a code is being checked). */
  onEscapeKeyDown?: (event: KeyboardEvent) => void
  /** Close when the backdrop is clicked. Default true. */
  closeOnOverlayClick?: boolean
  overlayClassName?: string
  overlayStyle?: CSSProperties
  unstyled?: boolean
  ref?: Ref<HTMLDivElement>
}

function subscribeNothing(): () => void {
  return () => {}
}

/**
 * The dialog itself: a modal panel (`role="dialog"`, `aria-modal`) over a backdrop, named by
 * its Title and described by its Description. On open it moves focus inside; Tab and
 * Shift+Tab stay inside; Escape or a backdrop click close it; on close focus returns to where
 * it was (usually the trigger). Rendered only while open.
 *
 * @example
 * <Dialog.Content initialFocus={codeRef} onEscapeKeyDown={(e) => busy && e.preventDefault()}>
 *   <Dialog.Title>Join a space</Dialog.Title>
 *   ...
 * </Dialog.Content>
 */
export function DialogContent(props: DialogContentProps) {
  const { open } = useDialogContext('Content')
  // False on the server and during hydration, true after: portals need a document.
  const isClient = useSyncExternalStore(subscribeNothing, () => true, () => false)
  const { portal = true, container } = props
  if (!open) return null
  const panel = <OpenContent {...props} />
  if (!portal) return panel
  if (!isClient) return null
  return createPortal(panel, container ?? document.body)
}
