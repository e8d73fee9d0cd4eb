// The page's own overflow, restored when the last dialog closes.
let savedBodyOverflow = ''

/**
 * Stops the page behind the dialogs from scrolling. Call once, when the first dialog opens
 * (see {@link pushDialog}); nested dialogs must not save the already-hidden value.
 *
 * @example if (pushDialog(token)) lockBodyScroll()
 */
export function lockBodyScroll(): void {
  savedBodyOverflow = document.body.style.overflow
  document.body.style.overflow = 'hidden'
}

/**
 * Gives the page back the overflow it had before {@link lockBodyScroll}. Call when the last
 * dialog closes.
 *
 * @example if (removeDialog(token)) unlockBodyScroll()
 */
export function unlockBodyScroll(): void {
  document.body.style.overflow = savedBodyOverflow
}
