import { buttonStyle } from '../theme.ts'
import { ButtonPart, type DialogButtonProps } from './ButtonPart.tsx'
import { useDialogContext } from './DialogContext.ts'

/**
 * A button that closes the dialog. Put one in every dialog: Escape is not discoverable.
 *
 * @example
 * <Dialog.Close>Cancel</Dialog.Close>
 */
export function DialogClose({ children = 'Close', ...props }: DialogButtonProps) {
  const context = useDialogContext('Close')
  return <ButtonPart {...props} partStyle={buttonStyle} action={() => context.setOpen(false)}>{children}</ButtonPart>
}
