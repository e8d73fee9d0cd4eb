import type { RefObject } from 'react'

// What Tab can reach; the platform's modal dialog keeps focus inside, this only picks the first.
const TABBABLE =
  'a[href],button:not([disabled]),input:not([disabled]):not([type="hidden"]),select:not([disabled]),textarea:not([disabled]),[tabindex]:not([tabindex="-1"]),[contenteditable]:not([contenteditable="false"])'

/**
 * Opens a `<dialog>` as a modal (top layer, inert page, Escape). Where `showModal` is missing
 * (jsdom, very old browsers) the dialog is opened without the inert page.
 *
 * @example showModal(dialogElement)
 */
export function showModal(dialog: HTMLDialogElement): void {
  if (typeof dialog.showModal === 'function') dialog.showModal()
  else dialog.setAttribute('open', '')
}

/**
 * Closes a `<dialog>` opened with {@link showModal}.
 *
 * @example closeModal(dialogElement)
 */
export function closeModal(dialog: HTMLDialogElement): void {
  if (typeof dialog.close === 'function') dialog.close()
  else dialog.removeAttribute('open')
}

/**
 * Focuses what should have focus when a dialog opens: `initialFocus`, else an element marked
 * `data-autofocus` or `autofocus`, else what already has focus inside (a React `autoFocus`),
 * else the first tabbable element, else the dialog itself.
 *
 * @example focusInitial(dialog, props.initialFocus)
 */
export function focusInitial(dialog: HTMLDialogElement, initialFocus?: RefObject<HTMLElement | null>): void {
  const marked = dialog.querySelector<HTMLElement>('[data-autofocus],[autofocus]')
  const active = dialog.ownerDocument.activeElement
  const target =
    initialFocus?.current ??
    marked ??
    (active && active !== dialog && dialog.contains(active) ? (active as HTMLElement) : null) ??
    dialog.querySelector<HTMLElement>(TABBABLE) ??
    dialog
  target.focus()
}

/**
 * Whether a pointer event on the `<dialog>` element itself landed outside its box, i.e. on
 * its `::backdrop`.
 *
 * @example if (isOutside(dialog, event)) close()
 */
export function isOutside(dialog: HTMLElement, event: { clientX: number; clientY: number }): boolean {
  const box = dialog.getBoundingClientRect()
  return event.clientX < box.left || event.clientX > box.right || event.clientY < box.top || event.clientY > box.bottom
}
