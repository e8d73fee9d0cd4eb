import type { CSSProperties } from 'react'

// echo-kit's components carry no inline styles: their look is `echo-kit/styles.css`
// (src/ui/styles.css). These inline style objects are kept for app code that wants the same
// look on its own elements (the stories use them); they read the same `--echo-*` variables.

/**
 * Design tokens as CSS `var()` expressions with the stylesheet's light defaults as fallbacks,
 * for an app's own inline styles. Theme by setting `--echo-*` variables on any ancestor.
 *
 * @example
 * <div style={{ '--echo-accent': '#0f766e' } as React.CSSProperties}><PinInput /></div>
 */
export const tokens = {
  accent: 'var(--echo-accent, #4f46e5)',
  accentText: 'var(--echo-accent-text, #ffffff)',
  fg: 'var(--echo-fg, #111827)',
  muted: 'var(--echo-muted, #4b5563)',
  bg: 'var(--echo-bg, #ffffff)',
  surface: 'var(--echo-surface, #f3f4f6)',
  border: 'var(--echo-border, #d1d5db)',
  // Inputs need 3:1 against the background (WCAG 1.4.11), so they get a darker border.
  controlBorder: 'var(--echo-control-border, #6b7280)',
  danger: 'var(--echo-danger, #b91c1c)',
  success: 'var(--echo-success, #16a34a)',
  warning: 'var(--echo-warning, #d97706)',
  info: 'var(--echo-info, #2563eb)',
  radius: 'var(--echo-radius, 8px)',
  font: 'var(--echo-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif)',
  mono: 'var(--echo-font-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace)',
  ring: '0 0 0 3px color-mix(in srgb, var(--echo-accent, #4f46e5) 35%, transparent)',
} as const

/**
 * Default style first, caller's style last: inline styles beat class selectors, so `unstyled`
 * is the way out for apps that style with classes only.
 *
 * @example
 * <span style={styleFor(props.unstyled, badgeStyle, props.style)} />
 */
export function styleFor(unstyled: boolean | undefined, base: CSSProperties, own?: CSSProperties): CSSProperties | undefined {
  if (unstyled) return own
  return own ? { ...base, ...own } : base
}

/**
 * The neutral button look shared by echo-kit buttons (Close, Copy).
 *
 * @example
 * <button style={buttonStyle}>Cancel</button>
 */
export const buttonStyle: CSSProperties = {
  display: 'inline-flex',
  alignItems: 'center',
  justifyContent: 'center',
  gap: '0.4em',
  padding: '0.5em 1em',
  fontFamily: tokens.font,
  fontSize: '0.9375rem',
  fontWeight: 500,
  lineHeight: 1.25,
  color: tokens.fg,
  background: tokens.bg,
  border: `1px solid ${tokens.controlBorder}`,
  borderRadius: tokens.radius,
  cursor: 'pointer',
}

/**
 * The accent button look (the one action a view is about).
 *
 * @example
 * <button style={primaryButtonStyle}>Invite</button>
 */
export const primaryButtonStyle: CSSProperties = {
  ...buttonStyle,
  color: tokens.accentText,
  background: tokens.accent,
  borderColor: 'transparent',
}
