import { useLayoutEffect, useRef, type ComponentPropsWithoutRef } from 'react'
import { usePartClass } from './kit.tsx'

/**
 * Props of {@link ResultHeading}.
 *
 * @example
 * const props: ResultHeadingProps = { children: 'Bob joined Team' }
 */
export type ResultHeadingProps = ComponentPropsWithoutRef<'h3'>

/**
 * The heading of a finished flow ("Bob joined", "Invitation expired"), `data-part="result-heading"`.
 * It takes focus when it appears, so a keyboard or screen reader user lands on the result
 * instead of on the page body (the button they pressed is gone). It does not steal focus from
 * elsewhere: only when focus is lost or still inside the same panel (`[data-echo-panel]`).
 * Shared by the invitation and join panels; not exported from `src/ui/index.ts`.
 *
 * @example
 * {state === 'success' && <ResultHeading>You joined {name}</ResultHeading>}
 */
export function ResultHeading({ className, ...rest }: ResultHeadingProps) {
  const ref = useRef<HTMLHeadingElement>(null)
  useLayoutEffect(() => {
    const heading = ref.current
    if (!heading) return
    const active = heading.ownerDocument.activeElement
    const panel = heading.closest('[data-echo-panel]')
    if (!active || active === heading.ownerDocument.body || (panel && panel.contains(active))) heading.focus()
  }, [])
  return <h3 tabIndex={-1} {...rest} ref={ref} className={usePartClass('result-heading', className)} data-echo-result="" data-part="result-heading" />
}
