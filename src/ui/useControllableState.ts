import { useCallback, useRef, useState } from 'react'

/**
 * State that is controlled when `value` is given and uncontrolled otherwise, like a native
 * input. `onChange` fires only when the value really changes, in both modes.
 *
 * @example
 * const [open, setOpen] = useControllableState(props.open, props.defaultOpen ?? false, props.onOpenChange)
 */
export function useControllableState<T>(
  value: T | undefined,
  defaultValue: T,
  onChange?: (next: T) => void,
): [T, (next: T) => void] {
  const [inner, setInner] = useState(defaultValue)
  const controlled = value !== undefined
  const current = controlled ? value : inner
  // Refs keep the setter stable while still seeing the latest value and callback.
  const latest = useRef({ current, controlled, onChange })
  latest.current = { current, controlled, onChange }
  const set = useCallback((next: T) => {
    const { current: now, controlled: isControlled, onChange: notify } = latest.current
    if (Object.is(now, next)) return
    if (!isControlled) setInner(next)
    // Uncontrolled updates are visible to later calls in the same event before React re-renders.
    latest.current = { ...latest.current, current: next }
    notify?.(next)
  }, [])
  return [current, set]
}
