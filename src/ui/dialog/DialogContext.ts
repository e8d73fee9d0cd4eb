import { createContext, useContext, type RefObject } from 'react'

/**
 * What {@link DialogRoot} shares with its parts: the open state, the ids that tie the panel to
 * its title and description, whether those are rendered (so no `aria-*` points at a missing
 * element), and the trigger to return focus to.
 *
 * @example const { open, setOpen } = useDialogContext('Close')
 */
export interface DialogContextValue {
  open: boolean
  setOpen: (open: boolean) => void
  contentId: string
  titleId: string
  descriptionId: string
  hasTitle: boolean
  hasDescription: boolean
  setHasTitle: (present: boolean) => void
  setHasDescription: (present: boolean) => void
  triggerRef: RefObject<HTMLElement | null>
}

/**
 * The context {@link DialogRoot} provides. Shared by the dialog parts in this folder; not
 * exported from `src/ui/index.ts`.
 *
 * @example <DialogContext.Provider value={value}>{children}</DialogContext.Provider>
 */
export const DialogContext = createContext<DialogContextValue | null>(null)

/**
 * The enclosing dialog's context; throws with the part's name when used outside `<Dialog.Root>`,
 * so a misplaced part fails loudly instead of rendering a dialog that never opens.
 *
 * @example const { titleId } = useDialogContext('Title')
 */
export function useDialogContext(part: string): DialogContextValue {
  const context = useContext(DialogContext)
  if (!context) throw new Error(`<Dialog.${part}> must be rendered inside <Dialog.Root>.`)
  return context
}
