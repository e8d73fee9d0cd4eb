import { ButtonPart, type DialogButtonProps } from './ButtonPart.tsx'
import { useDialogContext } from './DialogContext.ts'
import { setRef } from '../setRef.ts'

/**
 * The button that opens the dialog; focus returns to it when the dialog closes. It has no
 * accent look of its own (`data-part="trigger"`): the app decides how prominent it is.
 *
 * @example
 * <Dialog.Trigger>Invite</Dialog.Trigger>
 * <Dialog.Trigger asChild><MyButton>Invite</MyButton></Dialog.Trigger>
 */
export function DialogTrigger({ ref, ...props }: DialogButtonProps) {
  const context = useDialogContext('Trigger')
  return (
    <ButtonPart
      aria-haspopup="dialog"
      aria-expanded={context.open}
      aria-controls={context.open ? context.contentId : undefined}
      data-state={context.open ? 'open' : 'closed'}
      {...props}
      ref={(node: HTMLButtonElement | null) => {
        context.triggerRef.current = node
        setRef(ref, node)
      }}
      part="trigger"
      action={() => context.setOpen(true)}
    />
  )
}
