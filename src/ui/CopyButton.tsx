import { forwardRef, useEffect, useRef, useState, type ComponentPropsWithoutRef, type ReactNode } from 'react'
import { useMessages } from './EchoUIProvider.tsx'
import { KitButton, sizer, visuallyHidden } from './kit.tsx'

/**
 * Props of {@link CopyButton}.
 *
 * @example
 * const props: CopyButtonProps = { text: invitation.code, children: 'Copy code' }
 */
export interface CopyButtonProps extends Omit<ComponentPropsWithoutRef<'button'>, 'onCopy' | 'onError'> {
  /** The text put on the clipboard. */
  text: string
  /** Button content while idle. Default: the `copy` message. */
  children?: ReactNode | undefined
  /** Button content and announcement after a copy. Default: the `copied` message. */
  copiedLabel?: string | undefined
  /** Announcement when the clipboard refuses. Default: the `copyFailed` message. */
  failedLabel?: string | undefined
  /** How long the copied state lasts, in ms. Default 2000. */
  resetAfter?: number | undefined
  onCopied?: ((text: string) => void) | undefined
  onCopyError?: ((error: unknown) => void) | undefined
  /** Which part this is (`data-part`), e.g. "copy-link". Default "copy". */
  part?: string | undefined
  /** Look: 'primary' for the main action of a view. Default 'secondary'. */
  variant?: 'primary' | 'secondary' | undefined
  unstyled?: boolean | undefined
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
 * announces it, since a changed button label alone is not read out. Every label it can show is
 * laid out in the same grid cell (the hidden ones invisible), so the button keeps its width and
 * nothing next to it moves.
 *
 * @example
 * <CopyButton text={invitation.code}>Copy invitation code</CopyButton>
 */
// forwardRef (not `ref` as a prop) so focus management also works under React 18.
export const CopyButton = forwardRef<HTMLButtonElement, CopyButtonProps>(function CopyButton(
  { text, children, copiedLabel, failedLabel, resetAfter = 2000, onCopied, onCopyError, onClick, part = 'copy', unstyled, ...rest },
  ref,
) {
  const m = useMessages()
  const idle = children ?? m.copy
  const copied = copiedLabel ?? m.copied
  const failed = failedLabel ?? m.copyFailed
  const [state, setState] = useState<CopyState>('idle')
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(timer.current), [])

  const settle = (next: CopyState) => {
    setState(next)
    clearTimeout(timer.current)
    timer.current = setTimeout(() => setState('idle'), resetAfter)
  }
  const labels: [CopyState, ReactNode][] = [
    ['idle', idle],
    ['copied', copied],
    ['failed', failed],
  ]

  return (
    <>
      <KitButton
        {...rest}
        ref={ref}
        part={part}
        data-echo-copy=""
        data-state={state}
        data-unstyled={unstyled ? '' : undefined}
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
        {labels.map(([key, label]) =>
          key === state ? (
            <span key={key} data-part="label">
              {label}
            </span>
          ) : (
            // Sizers: invisible, unnamed, they keep the button as wide as its widest label.
            <span key={key} data-part="sizer" aria-hidden="true" style={sizer}>
              {label}
            </span>
          ),
        )}
      </KitButton>
      {/* A sibling, not a child: a button's content is its name, and live regions inside
          buttons are not reliably announced. Always mounted, because screen readers only
          announce changes to a live region they already know. */}
      <span role="status" style={visuallyHidden}>
        {state === 'copied' ? copied : state === 'failed' ? failed : ''}
      </span>
    </>
  )
})
