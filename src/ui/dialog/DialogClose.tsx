import { useMessages } from '../EchoUIProvider.tsx'
import { ButtonPart, type DialogButtonProps } from './ButtonPart.tsx'
import { useDialogContext } from './DialogContext.ts'

/**
 * A button that closes the dialog. Put one in every dialog: Escape is not discoverable.
 * Its text defaults to the `close` message.
 *
 * @example
 * <Dialog.Close>Cancel</Dialog.Close>
 * <Dialog.Close asChild><MyButton>Done</MyButton></Dialog.Close>
 */
export function DialogClose({ children, ...props }: DialogButtonProps) {
  const context = useDialogContext('Close')
  const m = useMessages()
  return (
    <ButtonPart data-state={context.open ? 'open' : 'closed'} {...props} part="close" action={() => context.setOpen(false)}>
      {children ?? m.close}
    </ButtonPart>
  )
}
