import { useLayoutEffect, type ComponentPropsWithoutRef, type Ref } from 'react'
import { Slot, type PartProps } from '../Slot.tsx'
import { useDialogContext } from './DialogContext.ts'

/**
 * Props of {@link DialogDescription}.
 *
 * @example
 * const props: DialogDescriptionProps = { children: 'Paste the code you were sent.' }
 */
export interface DialogDescriptionProps extends ComponentPropsWithoutRef<'p'>, PartProps {
  ref?: Ref<HTMLParagraphElement> | undefined
}

/**
 * The dialog's description (`aria-describedby`): what to do in this step. Change its text as
 * the flow moves on; screen readers read it when the dialog opens.
 *
 * @example
 * <Dialog.Description>Paste the invitation code.</Dialog.Description>
 */
export function DialogDescription({ asChild, unstyled, ...props }: DialogDescriptionProps) {
  const { descriptionId, setHasDescription } = useDialogContext('Description')
  useLayoutEffect(() => {
    setHasDescription(true)
    return () => setHasDescription(false)
  }, [setHasDescription])
  const shared = { id: descriptionId, 'data-part': 'description', 'data-unstyled': unstyled ? '' : undefined, ...props }
  return asChild ? <Slot {...shared} /> : <p {...shared} />
}
