import { cloneElement, isValidElement, type ReactElement, type ReactNode, type Ref } from 'react'
import { setRef } from './setRef.ts'

/**
 * Props every echo-kit part takes besides its element's own: `asChild` renders the single child
 * element (the app's own Button, Input, Link) instead of the part's element, with the part's
 * props, handlers, `data-*` attributes and ref merged into it.
 *
 * @example
 * <Dialog.Close asChild><MyButton variant="ghost">Close</MyButton></Dialog.Close>
 */
export interface PartProps {
  /** Render the single child element instead of the default element, merging props into it. */
  asChild?: boolean | undefined
  /** Drop the look of `echo-kit/styles.css` for this part and everything inside it. */
  unstyled?: boolean | undefined
}

type AnyProps = Record<string, unknown> & { ref?: Ref<unknown>; className?: string }

/**
 * Renders its single child with `props` merged in: the child's own props win, except that
 * class names add up and event handlers both run (the child's first; the part's is skipped when
 * the child called `preventDefault()`). Refs are both set. Without a valid element child it
 * renders nothing.
 *
 * @example
 * <Slot className="echo-button" onClick={close}><a href="#">Close</a></Slot>
 */
export function Slot({ children, ref, ...props }: AnyProps & { children?: ReactNode }) {
  if (!isValidElement(children)) return null
  const child = children as ReactElement<AnyProps>
  const own = child.props
  const merged: AnyProps = { ...props, ...own }
  for (const [key, value] of Object.entries(props)) {
    const mine = own[key]
    if (/^on[A-Z]/.test(key) && typeof value === 'function' && typeof mine === 'function') {
      merged[key] = (event: { defaultPrevented?: boolean }) => {
        ;(mine as (e: unknown) => void)(event)
        if (!event?.defaultPrevented) (value as (e: unknown) => void)(event)
      }
    }
  }
  const classes = [props.className, own.className].filter(Boolean).join(' ')
  if (classes) merged.className = classes
  merged.ref = (node: unknown) => {
    setRef(ref, node)
    setRef(own.ref, node)
  }
  return cloneElement(child, merged)
}
