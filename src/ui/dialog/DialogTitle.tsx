import { useLayoutEffect, type ComponentPropsWithoutRef, type Ref } from 'react'
import { Slot, type PartProps } from '../Slot.tsx'
import { useDialogContext } from './DialogContext.ts'

/**
 * Props of {@link DialogTitle}.
 *
 * @example
 * const props: DialogTitleProps = { children: 'Invite someone' }
 */
export interface DialogTitleProps extends ComponentPropsWithoutRef<'h2'>, PartProps {
  ref?: Ref<HTMLHeadingElement> | undefined
}

/**
 * The dialog's heading; it becomes the dialog's accessible name (`aria-labelledby`).
 *
 * @example
 * <Dialog.Title>Join a space</Dialog.Title>
 * <Dialog.Title asChild><h1 className="title">Join a space</h1></Dialog.Title>
 */
export function DialogTitle({ asChild, unstyled, ...props }: DialogTitleProps) {
  const { titleId, setHasTitle } = useDialogContext('Title')
  useLayoutEffect(() => {
    setHasTitle(true)
    return () => setHasTitle(false)
  }, [setHasTitle])
  const shared = { id: titleId, 'data-part': 'title', 'data-unstyled': unstyled ? '' : undefined, ...props }
  return asChild ? <Slot {...shared} /> : <h2 {...shared} />
}
