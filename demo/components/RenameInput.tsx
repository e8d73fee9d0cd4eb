import { useEffect, useRef, useState } from 'react'

type Props = {
  label: string
  initial: string
  /**
   * The new trimmed value, or null when cancelled (Escape) or left empty; `byKey` when Enter or
   * Escape ended it (the caller then puts focus back where the user was).
   */
  onDone: (value: string | null, byKey: boolean) => void
}

/** An input that opens focused with its text selected: Enter or leaving saves, Escape cancels. */
export function RenameInput({ label, initial, onDone }: Props) {
  const [value, setValue] = useState(initial)
  const ref = useRef<HTMLInputElement>(null)
  const done = useRef(false)

  useEffect(() => {
    ref.current?.focus()
    ref.current?.select()
  }, [])

  const finish = (next: string | null, byKey: boolean) => {
    if (done.current) return
    done.current = true
    onDone(next === null ? null : next.trim() || null, byKey)
  }

  return (
    <input
      ref={ref}
      className="input input--small rename-input"
      aria-label={label}
      value={value}
      maxLength={80}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault()
          finish(value, true)
        } else if (e.key === 'Escape') {
          e.preventDefault()
          finish(null, true)
        }
      }}
      onBlur={() => finish(value, false)}
    />
  )
}
