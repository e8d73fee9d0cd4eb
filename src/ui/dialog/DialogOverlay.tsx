import type { ComponentPropsWithoutRef, Ref } from 'react'
import { Slot, type PartProps } from '../Slot.tsx'
import { useDialogContext } from './DialogContext.ts'

/**
 * Props of {@link DialogOverlay}.
 *
 * @example
 * const props: DialogOverlayProps = { className: 'backdrop' }
 */
export interface DialogOverlayProps extends ComponentPropsWithoutRef<'div'>, PartProps {
  ref?: Ref<HTMLDivElement> | undefined
}

/**
 * An element behind the dialog (`data-part="overlay"`, `data-state` open/closed) for apps that
 * want to style or animate the backdrop as an element. Optional: without it the stylesheet dims
 * the page through the native `::backdrop` (made transparent when an Overlay is present). The
 * page under it is inert while the dialog is open, so clicks outside reach the dialog.
 *
 * @example <Dialog.Portal><Dialog.Overlay className="fade" /><Dialog.Content>…</Dialog.Content></Dialog.Portal>
 */
export function DialogOverlay({ asChild, unstyled, ...props }: DialogOverlayProps) {
  const { open, present } = useDialogContext('Overlay')
  if (!present) return null
  const shared = { 'aria-hidden': true, 'data-part': 'overlay', 'data-state': open ? 'open' : 'closed', 'data-unstyled': unstyled ? '' : undefined, ...props }
  return asChild ? <Slot {...shared} /> : <div {...shared} />
}
