import { forwardRef, useContext, type ComponentPropsWithoutRef, type CSSProperties, type ReactNode } from 'react'
import { ClassNamesContext, ComponentsContext, type KitButtonProps, type KitComponents, type KitInputProps, type PartClassNames } from './KitComponents.ts'
import { useOptionalDialogContext } from './dialog/index.ts'
import { DialogDescription } from './dialog/index.ts'

/**
 * Gives the parts below the class names of a composite component. Shared inside src/ui.
 *
 * @example <PartsScope classNames={classNames}>…</PartsScope>
 */
export function PartsScope({ classNames, components, children }: { classNames?: PartClassNames; components?: KitComponents; children: ReactNode }) {
  const outer = useContext(ComponentsContext)
  const outerClasses = useContext(ClassNamesContext)
  let node = children
  if (classNames) node = <ClassNamesContext.Provider value={{ ...outerClasses, ...classNames }}>{node}</ClassNamesContext.Provider>
  if (components) node = <ComponentsContext.Provider value={{ ...outer, ...components }}>{node}</ComponentsContext.Provider>
  return <>{node}</>
}

/**
 * The class an app gave to a part by name (see {@link PartClassNames}), joined with `own`.
 *
 * @example <div data-part="actions" className={usePartClass('actions')} />
 */
export function usePartClass(part: string, own?: string): string | undefined {
  const extra = useContext(ClassNamesContext)[part]
  const joined = [extra, own].filter(Boolean).join(' ')
  return joined || undefined
}

/**
 * All class names the app gave to the parts of the composite component around.
 *
 * @example const cls = usePartClasses(); <QrCode className={cls.qr} />
 */
export function usePartClasses(): PartClassNames {
  return useContext(ClassNamesContext)
}

/**
 * A button inside a composite part: the app's Button when given, else a `<button>`.
 *
 * @example <KitButton part="cancel" onClick={cancel}>Cancel</KitButton>
 */
// forwardRef (not `ref` as a prop) so focus management also works under React 18.
export const KitButton = forwardRef<HTMLButtonElement, Omit<ComponentPropsWithoutRef<'button'>, 'data-part'> & { part: string; variant?: 'primary' | 'secondary' | 'danger' }>(function KitButton(
  { part, variant = 'secondary', className, ...props },
  ref,
) {
  const { Button } = useContext(ComponentsContext)
  const merged: KitButtonProps = { type: 'button', ...props, ref, className: usePartClass(part, className), 'data-part': part, 'data-variant': variant }
  return Button ? <Button {...merged} /> : <button data-echo-button="" {...merged} />
})

/**
 * A text input inside a composite part: the app's Input when given, else an `<input>`.
 *
 * @example <KitInput part="code-input" value={code} readOnly />
 */
export const KitInput = forwardRef<HTMLInputElement, Omit<ComponentPropsWithoutRef<'input'>, 'data-part'> & { part: string }>(function KitInput({ part, className, ...props }, ref) {
  const { Input } = useContext(ComponentsContext)
  const merged: KitInputProps = { type: 'text', ...props, ref, className: usePartClass(part, className), 'data-part': part }
  return Input ? <Input {...merged} /> : <input data-echo-input="" {...merged} />
})

/**
 * A `<div>` (or other element) part with `data-part` and the app's class for it.
 *
 * @example <Part part="actions">…</Part>
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the element varies with `as`
export const Part = forwardRef<any, ComponentPropsWithoutRef<'div'> & { part: string; as?: 'div' | 'p' | 'span' | 'section' | 'label' | 'details' | 'summary' | 'form' | 'ul' | 'li'; htmlFor?: string; noValidate?: boolean }>(function Part(
  { part, as: Tag = 'div', className, ...props },
  ref,
) {
  const Element = Tag as 'div'
  return <Element {...(props as ComponentPropsWithoutRef<'div'>)} ref={ref} className={usePartClass(part, className)} data-part={part} />
})

/**
 * The step's description: the dialog's Description (its `aria-describedby`) inside a dialog,
 * a plain paragraph on a page.
 *
 * @example <StepDescription>{m.describe.waiting}</StepDescription>
 */
export function StepDescription({ children }: { children: ReactNode }) {
  const dialog = useOptionalDialogContext()
  const className = usePartClass('description')
  if (dialog) return <DialogDescription className={className}>{children}</DialogDescription>
  return (
    <p data-part="description" className={className}>
      {children}
    </p>
  )
}

/**
 * Hides content visually but keeps it for screen readers (the usual clip pattern). Kept inline
 * on purpose: it is accessibility, not look, and must hold without the stylesheet.
 *
 * @example <span style={visuallyHidden}>, 3 peers</span>
 */
export const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
}

/**
 * An invisible copy of another label that keeps its container as wide as the widest label
 * without adding height (no layout shift when the label changes). Inline for the same reason
 * as {@link visuallyHidden}: it must hold without the stylesheet.
 *
 * @example <span aria-hidden="true" style={sizer}>Copied</span>
 */
export const sizer: CSSProperties = { display: 'block', height: 0, overflow: 'hidden', visibility: 'hidden' }
