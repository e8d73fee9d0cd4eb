import type { ComponentPropsWithoutRef, CSSProperties, ReactNode, Ref } from 'react'
import { styleFor, tokens } from './theme.ts'

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
  tone?: StatusTone
  /** The text; the dot alone never carries the meaning (colour-blind users, screen readers). */
  children: ReactNode
  unstyled?: boolean
  ref?: Ref<HTMLSpanElement>
}

const dotColors: Record<StatusTone, string> = {
  neutral: 'var(--echo-muted, #6b7280)',
  info: tokens.info,
  success: tokens.success,
  warning: tokens.warning,
  danger: tokens.danger,
}

/**
 * A coloured dot and a short text. Purely presentational: add `role="status"` when changes
 * should be announced (as {@link NetworkStatus} does).
 *
 * @example
 * <StatusBadge tone="warning">Reconnecting…</StatusBadge>
 */
export function StatusBadge({ tone = 'neutral', children, unstyled, className, style, ...rest }: StatusBadgeProps) {
  return (
    <span {...rest} className={className} data-tone={tone} style={styleFor(unstyled, badgeStyle, style)}>
      <span aria-hidden="true" data-part="dot" style={unstyled ? undefined : { ...dotStyle, background: dotColors[tone] }} />
      {children}
    </span>
  )
}

const badgeStyle: CSSProperties = {
  display: 'inline-flex',
  alignItems: 'center',
  gap: '0.45em',
  padding: '0.2em 0.7em 0.2em 0.55em',
  fontFamily: tokens.font,
  fontSize: '0.875rem',
  lineHeight: 1.4,
  color: tokens.fg,
  background: tokens.surface,
  borderRadius: 999,
}

const dotStyle: CSSProperties = {
  display: 'inline-block',
  flex: 'none',
  width: '0.55em',
  height: '0.55em',
  borderRadius: '50%',
}
