import { DialogClose } from './DialogClose.tsx'
import { DialogContent } from './DialogContent.tsx'
import { DialogDescription } from './DialogDescription.tsx'
import { DialogOverlay } from './DialogOverlay.tsx'
import { DialogPortal } from './DialogPortal.tsx'
import { DialogRoot } from './DialogRoot.tsx'
import { DialogTitle } from './DialogTitle.tsx'
import { DialogTrigger } from './DialogTrigger.tsx'

/**
 * Composable, accessible modal dialog parts on the native `<dialog>` element. Controlled with
 * `open` + `onOpenChange`, or uncontrolled with `defaultOpen`. Every part takes `className`
 * and `asChild`, and carries `data-part` and `data-state` for styling.
 *
 * @example
 * const [open, setOpen] = useState(false)
 * <Dialog.Root open={open} onOpenChange={setOpen}>
 *   <Dialog.Trigger>Join</Dialog.Trigger>
 *   <Dialog.Portal>
 *     <Dialog.Overlay />
 *     <Dialog.Content>
 *       <Dialog.Title>Join a space</Dialog.Title>
 *       <Dialog.Description>Paste the invitation code.</Dialog.Description>
 *       <Dialog.Close>Cancel</Dialog.Close>
 *     </Dialog.Content>
 *   </Dialog.Portal>
 * </Dialog.Root>
 */
export const Dialog = {
  Root: DialogRoot,
  Trigger: DialogTrigger,
  Portal: DialogPortal,
  Overlay: DialogOverlay,
  Content: DialogContent,
  Title: DialogTitle,
  Description: DialogDescription,
  Close: DialogClose,
} as const
