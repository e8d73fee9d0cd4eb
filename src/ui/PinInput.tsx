import {
  useRef,
  useState,
  type ChangeEvent,
  type ClipboardEvent,
  type ComponentPropsWithoutRef,
  type CSSProperties,
  type KeyboardEvent,
  type Ref,
} from 'react'
import { styleFor, tokens } from './theme.ts'
import { useControllableState } from './useControllableState.ts'

/**
 * Props of {@link PinInput}.
 *
 * @example
 * const props: PinInputProps = { label: 'Authorization code', onComplete: submit }
 */
export interface PinInputProps
  extends Omit<ComponentPropsWithoutRef<'div'>, 'onChange' | 'defaultValue' | 'children'> {
  /** Number of digits. Default 6. */
  length?: number
  /** The digits entered so far (controlled). Non-digits are ignored. */
  value?: string
  /** Initial digits when uncontrolled. */
  defaultValue?: string
  /** Called with the digits entered so far after every edit. */
  onChange?: (value: string) => void
  /** Called when the user's edit leaves all `length` digits filled. */
  onComplete?: (code: string) => void
  /** Accessible name of the group of cells. Default "Code". */
  label?: string
  /** Accessible name of one cell. Default "Digit 1 of 6". */
  getCellLabel?: (index: number, length: number) => string
  disabled?: boolean
  /** Marks every cell `aria-invalid`; point `aria-describedby` at the error text. */
  invalid?: boolean
  /** Focus the first empty cell on mount. */
  autoFocus?: boolean
  /** Adds a hidden input with the code, so the value takes part in a plain form submit. */
  name?: string
  /** Extra space after every `groupSize` cells, to match a code shown as "123 456". Default 3; 0 = none. */
  groupSize?: number
  /** Drop the default inline styles (keep `data-*` attributes for your own CSS). */
  unstyled?: boolean
  cellClassName?: string
  cellStyle?: CSSProperties
  ref?: Ref<HTMLDivElement>
}

function defaultCellLabel(index: number, length: number): string {
  return `Digit ${index + 1} of ${length}`
}

/**
 * Entry for a numeric code (6 digits by default): one input per digit, typing advances,
 * Backspace goes back, arrows/Home/End move, and pasting or autofilling "123456" into any cell
 * fills them all. The group is one Tab stop.
 *
 * @example
 * <PinInput label="Authorization code" invalid={error === 'AUTH_FAILED'} onComplete={(code) => joining.authenticate(code)} />
 */
export function PinInput({
  length = 6,
  value,
  defaultValue,
  onChange,
  onComplete,
  label = 'Code',
  getCellLabel = defaultCellLabel,
  disabled = false,
  invalid = false,
  autoFocus = false,
  name,
  groupSize = 3,
  unstyled,
  className,
  style,
  cellClassName,
  cellStyle,
  'aria-describedby': describedBy,
  ...rest
}: PinInputProps) {
  const clean = (text: string) => text.replace(/\D/g, '').slice(0, length)
  const [current, setCurrent] = useControllableState(value, clean(defaultValue ?? ''), onChange)
  const code = clean(current)
  // Focus moves in the same event as the edit, before React re-renders, so the focus handlers
  // must see the new code rather than the one this render closed over.
  const codeRef = useRef(code)
  codeRef.current = code
  const inputs = useRef<(HTMLInputElement | null)[]>([])
  const [focused, setFocused] = useState<number | null>(null)

  // Digits stay contiguous: the first empty cell is as far as the user can go.
  const lastReachable = (text: string) => Math.min(text.length, length - 1)
  const activeIndex = lastReachable(code)

  const focusCell = (index: number) => {
    const target = inputs.current[Math.max(0, Math.min(index, lastReachable(codeRef.current)))]
    target?.focus()
    target?.select()
  }

  const commit = (next: string, focusIndex: number) => {
    const prev = codeRef.current
    const cleaned = clean(next)
    codeRef.current = cleaned
    setCurrent(cleaned)
    if (cleaned !== prev && cleaned.length === length) onComplete?.(cleaned)
    focusCell(focusIndex)
  }

  const insert = (index: number, digits: string) => {
    if (!digits) return
    const now = codeRef.current
    // A whole code replaces everything wherever it lands (paste, SMS autofill).
    if (digits.length >= length) return commit(digits.slice(0, length), length - 1)
    const start = Math.min(index, now.length)
    commit(now.slice(0, start) + digits + now.slice(start + digits.length), start + digits.length)
  }

  const removeAt = (index: number, focusIndex: number) => {
    const now = codeRef.current
    commit(now.slice(0, index) + now.slice(index + 1), focusIndex)
  }

  const onKeyDown = (index: number, event: KeyboardEvent<HTMLInputElement>) => {
    const now = codeRef.current
    const { key } = event
    if (event.ctrlKey || event.metaKey || event.altKey) return
    if (/^[0-9]$/.test(key)) {
      // Handled here rather than in onChange: typing the digit a cell already holds changes no
      // value (no change event) but must still advance.
      event.preventDefault()
      insert(index, key)
    } else if (key === 'Backspace') {
      event.preventDefault()
      if (index < now.length) removeAt(index, index)
      else if (index > 0) removeAt(index - 1, index - 1)
    } else if (key === 'Delete') {
      event.preventDefault()
      if (index < now.length) removeAt(index, index)
    } else if (key === 'ArrowLeft') {
      event.preventDefault()
      focusCell(index - 1)
    } else if (key === 'ArrowRight') {
      event.preventDefault()
      focusCell(index + 1)
    } else if (key === 'Home') {
      event.preventDefault()
      focusCell(0)
    } else if (key === 'End') {
      event.preventDefault()
      focusCell(length - 1)
    } else if (key.length === 1) {
      // Letters and symbols never reach a numeric code.
      event.preventDefault()
    }
  }

  // Reached by input that bypasses keydown: mobile keyboards (key "Unidentified"), autofill, IME.
  const onInputChange = (index: number, event: ChangeEvent<HTMLInputElement>) => {
    const raw = event.target.value
    const prev = codeRef.current[index] ?? ''
    if (raw === '') {
      if (prev) removeAt(index, index)
      return
    }
    if (clean(raw).length >= length) return insert(index, clean(raw))
    let typed = raw
    // The cell still held its old digit, so the new one is next to it.
    if (prev && raw.length > 1) {
      if (raw.startsWith(prev)) typed = raw.slice(prev.length)
      else if (raw.endsWith(prev)) typed = raw.slice(0, -prev.length)
    }
    insert(index, typed.replace(/\D/g, ''))
  }

  const onPaste = (index: number, event: ClipboardEvent<HTMLInputElement>) => {
    event.preventDefault()
    insert(index, clean(event.clipboardData.getData('text')))
  }

  const onFocus = (index: number) => {
    const reachable = lastReachable(codeRef.current)
    if (index > reachable) {
      focusCell(reachable)
      return
    }
    setFocused(index)
    inputs.current[index]?.select()
  }

  const tabStop = focused ?? activeIndex
  const state = code.length === length ? 'complete' : code.length > 0 ? 'partial' : 'empty'

  return (
    <div
      role="group"
      aria-label={label}
      {...rest}
      className={className}
      data-state={state}
      data-invalid={invalid ? '' : undefined}
      data-disabled={disabled ? '' : undefined}
      style={styleFor(unstyled, rootStyle, style)}
    >
      {Array.from({ length }, (_, index) => {
        const digit = code[index] ?? ''
        const isFocused = focused === index
        const base: CSSProperties = {
          ...cellBase,
          marginInlineStart: groupSize > 0 && index > 0 && index % groupSize === 0 ? '0.5em' : 0,
          borderColor: invalid ? tokens.danger : isFocused ? tokens.accent : tokens.controlBorder,
          outline: isFocused ? `2px solid ${invalid ? tokens.danger : tokens.accent}` : 'none',
          ...(disabled ? cellDisabled : null),
        }
        return (
          <input
            key={index}
            ref={(element) => {
              inputs.current[index] = element
            }}
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            autoCorrect="off"
            spellCheck={false}
            aria-label={getCellLabel(index, length)}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            autoFocus={autoFocus && index === activeIndex}
            disabled={disabled}
            tabIndex={index === tabStop ? 0 : -1}
            value={digit}
            className={cellClassName}
            data-state={digit ? 'filled' : 'empty'}
            data-focused={isFocused ? '' : undefined}
            style={styleFor(unstyled, base, cellStyle)}
            onKeyDown={(event) => onKeyDown(index, event)}
            onChange={(event) => onInputChange(index, event)}
            onPaste={(event) => onPaste(index, event)}
            onFocus={() => onFocus(index)}
            onBlur={() => setFocused((f) => (f === index ? null : f))}
          />
        )
      })}
      {name !== undefined && <input type="hidden" name={name} value={code} />}
    </div>
  )
}

const rootStyle: CSSProperties = {
  display: 'inline-flex',
  alignItems: 'center',
  gap: '0.5rem',
  fontFamily: tokens.font,
}

const cellBase: CSSProperties = {
  boxSizing: 'border-box',
  width: '2.75rem',
  height: '3.25rem',
  padding: 0,
  textAlign: 'center',
  fontSize: '1.5rem',
  fontFamily: tokens.mono,
  fontVariantNumeric: 'tabular-nums',
  color: tokens.fg,
  background: tokens.bg,
  border: '1px solid',
  borderRadius: tokens.radius,
  outlineOffset: 1,
  caretColor: tokens.accent,
}

const cellDisabled: CSSProperties = {
  background: tokens.surface,
  color: tokens.muted,
  cursor: 'not-allowed',
}
