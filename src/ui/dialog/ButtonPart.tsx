import {
  cloneElement,
  isValidElement,
  type ComponentPropsWithoutRef,
  type CSSProperties,
  type MouseEvent as ReactMouseEvent,
  type ReactElement,
  type Ref,
} from 'react'
import { styleFor } from '../theme.ts'
import { setRef } from './setRef.ts'

/**
 * Props of {@link DialogTrigger} and {@link DialogClose}.
 *
 * @example
 * const props: DialogButtonProps = { asChild: true, children: <a href="#invite">Invite</a> }
 */
export type DialogButtonProps = ComponentPropsWithoutRef<'button'> & {
  /** Render the single child element instead of a `<button>`, merging props, handlers and ref into it. */
  asChild?: boolean
  unstyled?: boolean
  ref?: Ref<HTMLButtonElement>
}

/**
 * The button under {@link DialogTrigger} and {@link DialogClose}: a `<button>` (or, with
 * `asChild`, the child element) that runs `action` unless an `onClick` called
 * `preventDefault()`. Shared by those two parts; not exported from `src/ui/index.ts`.
 *
 * @example <ButtonPart partStyle={buttonStyle} action={() => setOpen(false)}>Close</ButtonPart>
 */
export function ButtonPart({
  asChild,
  children,
  partStyle,
  unstyled,
  style,
  ref,
  onClick,
  action,
  ...props
}: DialogButtonProps & { partStyle: CSSProperties; action: () => void }) {
  const handle = (event: ReactMouseEvent<HTMLButtonElement>) => {
    onClick?.(event)
    if (!event.defaultPrevented) action()
  }
  if (asChild && isValidElement(children)) {
    const child = children as ReactElement<Record<string, unknown> & { ref?: Ref<HTMLElement> }>
    const childProps = child.props
    const childClick = childProps.onClick as ((event: ReactMouseEvent<HTMLButtonElement>) => void) | undefined
    return cloneElement(child, {
      ...props,
      ...childProps,
      style: { ...style, ...(childProps.style as CSSProperties | undefined) },
      onClick: (event: ReactMouseEvent<HTMLButtonElement>) => {
        childClick?.(event)
        if (!event.defaultPrevented) handle(event)
      },
      ref: (node: HTMLElement | null) => {
        setRef(ref as Ref<HTMLElement>, node)
        setRef(childProps.ref, node)
      },
    })
  }
  return (
    <button type="button" {...props} ref={ref} style={styleFor(unstyled, partStyle, style)} onClick={handle}>
      {children}
    </button>
  )
}
