import type { ComponentPropsWithoutRef, ReactNode, Ref } from 'react'

/**
 * Colour meaning of a {@link StatusBadge}; also its `data-tone`.
 *
 * @example
 * const tone: StatusTone = error ? 'danger' : 'success'
 */
export type StatusTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger'

/**
 * Props of {@link StatusBadge}.
 *
 * @example
 * const props: StatusBadgeProps = { tone: 'success', children: 'Synced' }
 */
export interface StatusBadgeProps extends ComponentPropsWithoutRef<'span'> {
  /** Default "neutral". */
  tone?: StatusTone | undefined
  /** The text; the dot alone never carries the meaning (colour-blind users, screen readers). */
  children: ReactNode
  unstyled?: boolean | undefined
  ref?: Ref<HTMLSpanElement> | undefined
}

/**
 * A coloured dot and a short text (`data-part="badge"`, `data-tone`; the dot is
 * `data-part="dot"`). Purely presentational: add `role="status"` when changes should be
 * announced (as {@link NetworkStatus} does).
 *
 * @example
 * <StatusBadge tone="warning">Reconnecting…</StatusBadge>
 */
export function StatusBadge({ tone = 'neutral', children, unstyled, ...rest }: StatusBadgeProps) {
  return (
    <span data-part="badge" {...rest} data-echo-badge="" data-tone={tone} data-unstyled={unstyled ? '' : undefined}>
      <span aria-hidden="true" data-part="dot" />
      {children}
    </span>
  )
}
