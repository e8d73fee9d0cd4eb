import { useRef, useState, type ClipboardEvent, type ComponentPropsWithoutRef, type CSSProperties, type Ref } from 'react'
import { useMessages } from './EchoUIProvider.tsx'
import { useControllableState } from './useControllableState.ts'

/**
 * Props of {@link PinInput}.
 *
 * @example
 * const props: PinInputProps = { label: 'Authorization code', onComplete: submit }
 */
export interface PinInputProps extends Omit<ComponentPropsWithoutRef<'div'>, 'onChange' | 'defaultValue' | 'children'> {
  /** Number of digits. Default 6. */
  length?: number | undefined
  /** The digits entered so far (controlled). Non-digits are ignored. */
  value?: string | undefined
  /** Initial digits when uncontrolled. */
  defaultValue?: string | undefined
  /** Called with the digits entered so far after every edit. */
  onChange?: ((value: string) => void) | undefined
  /** Called when the user's edit leaves all `length` digits filled. */
  onComplete?: ((code: string) => void) | undefined
  /** Accessible name of the input (and of the group around it). Default: the `pin.label` message. */
  label?: string | undefined
  /** Kept for compatibility: the cells are now a picture of the one input, so they have no names. */
  getCellLabel?: ((index: number, length: number) => string) | undefined
  disabled?: boolean | undefined
  /** Marks the input `aria-invalid`; point `aria-describedby` at the error text. */
  invalid?: boolean | undefined
  /** Focus the input on mount. */
  autoFocus?: boolean | undefined
  /** The input's name, so the code takes part in a plain form submit. */
  name?: string | undefined
  /** A gap after every `groupSize` cells, to match a code shown as "123 456". Default 3; 0 = none. */
  groupSize?: number | undefined
  /** Drop the look of `echo-kit/styles.css`. */
  unstyled?: boolean | undefined
  /** Class of each drawn cell (`data-part="cell"`). */
  cellClassName?: string | undefined
  /** Style of each drawn cell. */
  cellStyle?: CSSProperties | undefined
  /** Class of the real input (`data-part="pin-input"`). */
  inputClassName?: string | undefined
  ref?: Ref<HTMLDivElement> | undefined
}

/**
 * Entry for a numeric code (6 digits by default): ONE real `<input>` with
 * `autocomplete="one-time-code"` and a numeric keyboard, so typing, deleting, selecting,
 * pasting ("123 456" too), SMS autofill and password managers work as in any text field. The
 * cells (`data-part="cell"`, `data-state` filled / empty / active) are only a picture of its
 * value, hidden from screen readers; the stylesheet lays the input over them.
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
  label,
  getCellLabel: _getCellLabel,
  disabled = false,
  invalid = false,
  autoFocus = false,
  name,
  groupSize = 3,
  unstyled,
  cellClassName,
  cellStyle,
  inputClassName,
  'aria-describedby': describedBy,
  ...rest
}: PinInputProps) {
  const m = useMessages()
  const name_ = label ?? m.pin.label
  const clean = (text: string) => text.replace(/\D/g, '').slice(0, length)
  const [current, setCurrent] = useControllableState(value, clean(defaultValue ?? ''), onChange)
  const code = clean(current)
  const codeRef = useRef(code)
  codeRef.current = code
  const [focused, setFocused] = useState(false)

  const commit = (next: string) => {
    const cleaned = clean(next)
    const prev = codeRef.current
    codeRef.current = cleaned
    setCurrent(cleaned)
    if (cleaned !== prev && cleaned.length === length) onComplete?.(cleaned)
  }

  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const digits = event.clipboardData.getData('text').replace(/\D/g, '')
    if (!digits) return event.preventDefault()
    // A whole code replaces everything (the usual paste); a few digits go in at the caret.
    if (digits.length >= length) {
      event.preventDefault()
      commit(digits)
      return
    }
    const input = event.currentTarget
    const start = input.selectionStart ?? codeRef.current.length
    const end = input.selectionEnd ?? start
    event.preventDefault()
    commit(codeRef.current.slice(0, start) + digits + codeRef.current.slice(end))
  }

  const state = code.length === length ? 'complete' : code.length > 0 ? 'partial' : 'empty'
  const active = focused ? Math.min(code.length, length - 1) : -1

  return (
    <div
      role="group"
      aria-label={name_}
      data-part="pin"
      {...rest}
      data-echo-pin=""
      data-state={state}
      data-invalid={invalid ? '' : undefined}
      data-disabled={disabled ? '' : undefined}
      data-focused={focused ? '' : undefined}
      data-unstyled={unstyled ? '' : undefined}
    >
      <input
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern={`\\d{${length}}`}
        autoCorrect="off"
        spellCheck={false}
        name={name}
        aria-label={name_}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        autoFocus={autoFocus}
        data-autofocus={autoFocus ? '' : undefined}
        disabled={disabled}
        value={code}
        className={inputClassName}
        data-part="pin-input"
        onChange={(event) => commit(event.target.value)}
        onPaste={onPaste}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
      />
      <div data-part="cells" aria-hidden="true">
        {Array.from({ length }, (_, index) => (
          <span
            key={index}
            className={cellClassName}
            style={cellStyle}
            data-part="cell"
            data-state={index === active ? 'active' : code[index] ? 'filled' : 'empty'}
            data-group-start={groupSize > 0 && index > 0 && index % groupSize === 0 ? '' : undefined}
          >
            {code[index] ?? ''}
          </span>
        ))}
      </div>
    </div>
  )
}
