import { useLayoutEffect, type ComponentPropsWithoutRef, type CSSProperties, type Ref } from 'react'
import { styleFor, tokens } from '../theme.ts'
import { useDialogContext } from './DialogContext.ts'

/**
 * Props of {@link DialogDescription}.
 *
 * @example
 * const props: DialogDescriptionProps = { children: 'Share this code.' }
 */
export interface DialogDescriptionProps extends ComponentPropsWithoutRef<'p'> {
  unstyled?: boolean
  ref?: Ref<HTMLParagraphElement>
}

/**
 * Text that explains the dialog; screen readers read it after the title (`aria-describedby`).
 *
 * @example
 * <Dialog.Description>Enter the code shown on the other device.</Dialog.Description>
 */
export function DialogDescription({ unstyled, style, ...props }: DialogDescriptionProps) {
  const { descriptionId, setHasDescription } = useDialogContext('Description')
  useLayoutEffect(() => {
    setHasDescription(true)
    return () => setHasDescription(false)
  }, [setHasDescription])
  return <p id={descriptionId} {...props} style={styleFor(unstyled, descriptionStyle, style)} />
}

const descriptionStyle: CSSProperties = {
  margin: '0 0 1.25rem',
  fontSize: '0.9375rem',
  lineHeight: 1.5,
  color: tokens.muted,
}
