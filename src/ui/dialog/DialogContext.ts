import { createContext, useContext, type RefObject } from 'react'

/**
 * What {@link DialogRoot} shares with its parts: the open state, whether the content is still
 * on screen (it stays while an exit animation runs), the ids that tie the panel to its title
 * and description, whether those are rendered (so no `aria-*` points at a missing element),
 * and the trigger to return focus to.
 *
 * @example const { open, setOpen } = useDialogContext('Close')
 */
export interface DialogContextValue {
  open: boolean
  setOpen: (open: boolean) => void
  /** True from opening until the exit animation (if any) has finished. */
  present: boolean
  setPresent: (present: boolean) => void
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
 * Set by {@link DialogPortal} so the parts inside it do not portal a second time.
 *
 * @example const inPortal = useContext(PortalContext)
 */
export const PortalContext = createContext(false)

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

/**
 * The enclosing dialog's context, or null outside one: for panels that work both inside a
 * dialog (their description becomes the dialog's) and on a page.
 *
 * @example const dialog = useOptionalDialogContext()
 */
export function useOptionalDialogContext(): DialogContextValue | null {
  return useContext(DialogContext)
}
