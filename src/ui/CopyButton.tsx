import { useEffect, useRef, useState, type ComponentPropsWithoutRef, type ReactNode, type Ref } from 'react'
import { buttonStyle, styleFor, visuallyHidden } from './theme.ts'

/**
 * Props of {@link CopyButton}.
 *
 * @example
 * const props: CopyButtonProps = { text: invitation.code, children: 'Copy code' }
 */
export interface CopyButtonProps extends Omit<ComponentPropsWithoutRef<'button'>, 'onCopy' | 'onError'> {
  /** The text put on the clipboard. */
  text: string
  /** Button content while idle. Default "Copy". */
  children?: ReactNode
  /** Button content and announcement after a copy. Default "Copied". */
  copiedLabel?: string
  /** Announcement when the clipboard refuses. Default "Copy failed". */
  failedLabel?: string
  /** How long the copied state lasts, in ms. Default 2000. */
  resetAfter?: number
  onCopied?: (text: string) => void
  onCopyError?: (error: unknown) => void
  unstyled?: boolean
  ref?: Ref<HTMLButtonElement>
}

/**
 * What the button is showing; also its `data-state`.
 *
 * @example
 * // CSS: [data-state="copied"] { color: green }
 * const state: CopyState = 'copied'
 */
export type CopyState = 'idle' | 'copied' | 'failed'

/**
 * Puts text on the clipboard. Uses `navigator.clipboard`, falls back to the legacy copy command
 * where it is missing (plain-http pages on a LAN address are not a secure context).
 *
 * @example
 * await copyText('123456')
 */
export async function copyText(text: string): Promise<void> {
  if (typeof navigator !== 'undefined' && navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text)
    return
  }
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  document.body.append(area)
  area.select()
  try {
    if (!document.execCommand?.('copy')) throw new Error('The clipboard is not available here')
  } finally {
    area.remove()
  }
}

/**
 * A button that copies `text` and says so: its label turns to "Copied" and a polite live region
 * announces it, since a changed button label alone is not read out.
 *
 * @example
 * <CopyButton text={invitation.code}>Copy invitation code</CopyButton>
 */
export function CopyButton({
  text,
  children = 'Copy',
  copiedLabel = 'Copied',
  failedLabel = 'Copy failed',
  resetAfter = 2000,
  onCopied,
  onCopyError,
  onClick,
  unstyled,
  className,
  style,
  type = 'button',
  ...rest
}: CopyButtonProps) {
  const [state, setState] = useState<CopyState>('idle')
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(timer.current), [])

  const settle = (next: CopyState) => {
    setState(next)
    clearTimeout(timer.current)
    timer.current = setTimeout(() => setState('idle'), resetAfter)
  }

  return (
    <>
      <button
        type={type}
        {...rest}
        className={className}
        data-state={state}
        style={styleFor(unstyled, buttonStyle, style)}
        onClick={async (event) => {
          onClick?.(event)
          if (event.defaultPrevented) return
          try {
            await copyText(text)
            settle('copied')
            onCopied?.(text)
          } catch (error) {
            settle('failed')
            onCopyError?.(error)
          }
        }}
      >
        {state === 'copied' ? copiedLabel : state === 'failed' ? failedLabel : children}
      </button>
      {/* A sibling, not a child: a button's content is its name, and live regions inside
          buttons are not reliably announced. Always mounted, because screen readers only
          announce changes to a live region they already know. */}
      <span role="status" style={visuallyHidden}>
        {state === 'copied' ? copiedLabel : state === 'failed' ? failedLabel : ''}
      </span>
    </>
  )
}
