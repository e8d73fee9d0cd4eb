import type { Ref } from 'react'

/**
 * Points a React ref (callback or object) at `value`; lets a part keep its own ref to a node
 * and still honour the one its user passed. Shared by the parts of src/ui.
 *
 * @example ref={(node) => { panelRef.current = node; setRef(props.ref, node) }}
 */
export function setRef<T>(ref: Ref<T> | undefined, value: T | null): void {
  if (typeof ref === 'function') ref(value)
  else if (ref) (ref as { current: T | null }).current = value
}
