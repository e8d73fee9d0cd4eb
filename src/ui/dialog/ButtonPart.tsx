import type { ComponentPropsWithoutRef, MouseEvent as ReactMouseEvent, Ref } from 'react'
import { Slot, type PartProps } from '../Slot.tsx'

/**
 * Props of {@link DialogTrigger} and {@link DialogClose}.
 *
 * @example
 * const props: DialogButtonProps = { asChild: true, children: <a href="#invite">Invite</a> }
 */
export type DialogButtonProps = ComponentPropsWithoutRef<'button'> &
  PartProps & {
    ref?: Ref<HTMLButtonElement> | undefined
  }

/**
 * The button under {@link DialogTrigger} and {@link DialogClose}: a `<button>` (or, with
 * `asChild`, the child element) that runs `action` unless an `onClick` called
 * `preventDefault()`. Shared by those two parts; not exported from `src/ui/index.ts`.
 *
 * @example <ButtonPart part="close" action={() => setOpen(false)}>Close</ButtonPart>
 */
export function ButtonPart({
  asChild,
  unstyled,
  children,
  onClick,
  action,
  part,
  ...props
}: DialogButtonProps & { action: () => void; part: string }) {
  const handle = (event: ReactMouseEvent<HTMLButtonElement>) => {
    onClick?.(event)
    if (!event.defaultPrevented) action()
  }
  const shared = { 'data-part': part, 'data-unstyled': unstyled ? '' : undefined, ...props, onClick: handle }
  if (asChild) return <Slot {...shared}>{children}</Slot>
  return (
    <button type="button" {...shared}>
      {children}
    </button>
  )
}
