import { useSyncExternalStore, type ReactNode } from 'react'
import { createPortal } from 'react-dom'
import { PortalContext, useDialogContext } from './DialogContext.ts'

/**
 * Props of {@link DialogPortal}.
 *
 * @example
 * const props: DialogPortalProps = { container: document.getElementById('modals'), children: null }
 */
export interface DialogPortalProps {
  /** Where to render. Default `document.body`. */
  container?: Element | null | undefined
  /** Render even while closed (e.g. to keep an exit animation's element). Default false. */
  forceMount?: boolean | undefined
  children: ReactNode
}

function subscribeNothing(): () => void {
  return () => {}
}

/**
 * Renders the overlay and content into `document.body` (or `container`), out of any ancestor's
 * overflow or stacking context, while the dialog is open or leaving. Optional: Content portals
 * by itself unless it is inside a Portal.
 *
 * @example
 * <Dialog.Portal>
 *   <Dialog.Overlay className="fixed inset-0 bg-black/50" />
 *   <Dialog.Content>…</Dialog.Content>
 * </Dialog.Portal>
 */
export function DialogPortal({ container, forceMount, children }: DialogPortalProps) {
  const { present } = useDialogContext('Portal')
  // False on the server and during hydration, true after: portals need a document.
  const isClient = useSyncExternalStore(subscribeNothing, () => true, () => false)
  if ((!present && !forceMount) || !isClient) return null
  return createPortal(<PortalContext.Provider value>{children}</PortalContext.Provider>, container ?? document.body)
}
