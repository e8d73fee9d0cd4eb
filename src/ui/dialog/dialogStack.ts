// Open dialogs, innermost last: only the top one handles Escape and keeps focus. Module state:
// every dialog on the page, whichever React root or portal it is in, shares one stack.
const openDialogs: object[] = []

/**
 * Registers an open dialog (by a token unique to it) as the innermost one. Returns true when it
 * is the only open dialog, i.e. the first to open.
 *
 * @example if (pushDialog(token)) lockBodyScroll()
 */
export function pushDialog(token: object): boolean {
  openDialogs.push(token)
  return openDialogs.length === 1
}

/**
 * Unregisters a dialog wherever it is in the stack (dialogs may close out of order). Returns
 * true when no dialog is open any more.
 *
 * @example if (removeDialog(token)) unlockBodyScroll()
 */
export function removeDialog(token: object): boolean {
  const index = openDialogs.indexOf(token)
  if (index >= 0) openDialogs.splice(index, 1)
  return openDialogs.length === 0
}

/**
 * Whether the dialog with this token is the innermost open one.
 *
 * @example if (event.key === 'Escape' && isTopDialog(token)) close()
 */
export function isTopDialog(token: object): boolean {
  return openDialogs[openDialogs.length - 1] === token
}
