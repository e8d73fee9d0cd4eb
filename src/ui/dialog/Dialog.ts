import { DialogClose } from './DialogClose.tsx'
import { DialogContent } from './DialogContent.tsx'
import { DialogDescription } from './DialogDescription.tsx'
import { DialogRoot } from './DialogRoot.tsx'
import { DialogTitle } from './DialogTitle.tsx'
import { DialogTrigger } from './DialogTrigger.tsx'

/**
 * Composable, accessible modal dialog parts (Radix-style). Controlled with `open` +
 * `onOpenChange`, or uncontrolled with `defaultOpen`.
 *
 * @example
 * const [open, setOpen] = useState(false)
 * <Dialog.Root open={open} onOpenChange={setOpen}>
 *   <Dialog.Trigger>Join</Dialog.Trigger>
 *   <Dialog.Content>
 *     <Dialog.Title>Join a space</Dialog.Title>
 *     <Dialog.Description>Paste the invitation code.</Dialog.Description>
 *     <Dialog.Close>Cancel</Dialog.Close>
 *   </Dialog.Content>
 * </Dialog.Root>
 */
export const Dialog = {
  Root: DialogRoot,
  Trigger: DialogTrigger,
  Content: DialogContent,
  Title: DialogTitle,
  Description: DialogDescription,
  Close: DialogClose,
} as const
