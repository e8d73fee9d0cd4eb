import type { CSSProperties } from 'react'
import { tokens } from './theme.ts'

/**
 * Default inline styles shared by the invitation, join and list components. Every value reads
 * the `--echo-*` variables of {@link tokens}, so apps theme them without a stylesheet. Shared
 * inside src/ui; not exported from `src/ui/index.ts`.
 *
 * @example
 * <div style={styleFor(unstyled, panelStyles.stack, style)} />
 */
export const panelStyles = {
  /** Vertical rhythm of a panel body. */
  stack: { display: 'flex', flexDirection: 'column', gap: '1rem', fontFamily: tokens.font, color: tokens.fg } as CSSProperties,
  /** A centred block (QR code, auth code). */
  center: { display: 'flex', flexDirection: 'column', alignItems: 'center', gap: '0.75rem', outline: 'none' } as CSSProperties,
  /** Label above a field. */
  label: { display: 'block', marginBottom: '0.35rem', fontSize: '0.875rem', fontWeight: 600 } as CSSProperties,
  /** A field and its button side by side. */
  fieldRow: { display: 'flex', gap: '0.5rem', alignItems: 'stretch' } as CSSProperties,
  /** Text inputs (the code entry, read-only link and code fields). */
  input: {
    boxSizing: 'border-box',
    flex: '1 1 auto',
    minWidth: 0,
    width: '100%',
    padding: '0.5em 0.7em',
    fontFamily: tokens.font,
    fontSize: '0.9375rem',
    lineHeight: 1.25,
    color: tokens.fg,
    background: tokens.bg,
    border: `1px solid ${tokens.controlBorder}`,
    borderRadius: tokens.radius,
  } as CSSProperties,
  /** Read-only code fields: monospace, so a long code is easy to compare. */
  mono: { fontFamily: tokens.mono, fontSize: '0.8125rem' } as CSSProperties,
  /** Secondary text. */
  hint: { margin: 0, fontSize: '0.875rem', lineHeight: 1.5, color: tokens.muted } as CSSProperties,
  /** Error text (always next to an icon-free sentence that says what to do). */
  error: { margin: 0, fontSize: '0.875rem', lineHeight: 1.5, fontWeight: 500, color: tokens.danger } as CSSProperties,
  /** Plain paragraph. */
  text: { margin: 0, fontSize: '0.9375rem', lineHeight: 1.5 } as CSSProperties,
  /** The heading of a result (success, expired, …); it takes focus, so no focus ring is drawn on it. */
  resultHeading: { margin: 0, fontSize: '1.125rem', fontWeight: 600, lineHeight: 1.35, outline: 'none' } as CSSProperties,
  /** Row of actions at the bottom of a panel, main action last (closest to the thumb and the eye). */
  footer: { display: 'flex', flexWrap: 'wrap', justifyContent: 'flex-end', gap: '0.5rem', marginTop: '0.5rem' } as CSSProperties,
  /** A list without bullets. */
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', outline: 'none' } as CSSProperties,
  /** One row of a member or device list. */
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: '0.5rem 0.75rem',
    padding: '0.65rem 0',
    borderBottom: `1px solid ${tokens.border}`,
  } as CSSProperties,
  /** The growing, main part of a row. */
  rowMain: { flex: '1 1 10rem', minWidth: 0, display: 'flex', flexDirection: 'column', gap: '0.15rem' } as CSSProperties,
  /** A small pill ("you", "this device", a role). */
  tag: {
    display: 'inline-block',
    marginInlineStart: '0.4em',
    padding: '0.05em 0.5em',
    fontSize: '0.75rem',
    fontWeight: 600,
    lineHeight: 1.5,
    color: tokens.fg,
    background: tokens.surface,
    borderRadius: 999,
    verticalAlign: 'middle',
  } as CSSProperties,
} as const
