import { useLayoutEffect, type ComponentPropsWithoutRef, type CSSProperties, type Ref } from 'react'
import { styleFor } from '../theme.ts'
import { useDialogContext } from './DialogContext.ts'

/**
 * Props of {@link DialogTitle}.
 *
 * @example
 * const props: DialogTitleProps = { children: 'Invite someone' }
 */
export interface DialogTitleProps extends ComponentPropsWithoutRef<'h2'> {
  unstyled?: boolean
  ref?: Ref<HTMLHeadingElement>
}

/**
 * The dialog's heading; it becomes the dialog's accessible name (`aria-labelledby`).
 *
 * @example
 * <Dialog.Title>Join a space</Dialog.Title>
 */
export function DialogTitle({ unstyled, style, ...props }: DialogTitleProps) {
  const { titleId, setHasTitle } = useDialogContext('Title')
  useLayoutEffect(() => {
    setHasTitle(true)
    return () => setHasTitle(false)
  }, [setHasTitle])
  return <h2 id={titleId} {...props} style={styleFor(unstyled, titleStyle, style)} />
}

const titleStyle: CSSProperties = {
  margin: '0 0 0.5rem',
  fontSize: '1.25rem',
  fontWeight: 600,
  lineHeight: 1.3,
}
