import type { ComponentPropsWithoutRef, CSSProperties, Ref } from 'react'
import { QrCode } from './QrCode.tsx'
import { styleFor, tokens } from './theme.ts'

/**
 * Props of {@link AuthCode}.
 *
 * @example
 * const props: AuthCodeProps = { code: invitation.authCode!, showQr: true }
 */
export interface AuthCodeProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** The code to show, e.g. "123456". */
  code: string
  /** Spoken before the digits. Default "Authorization code". */
  label?: string
  /** Digits per visual group. Default 3 ("123 456"); 0 = no grouping. */
  groupSize?: number
  /** Also show the code as a QR code, for a guest who scans rather than types. */
  showQr?: boolean
  /** What the QR code encodes. Default: the code itself. */
  qrValue?: string
  /** QR size in pixels. Default 144. */
  qrSize?: number
  unstyled?: boolean
  ref?: Ref<HTMLDivElement>
}

/**
 * Splits a code into groups for display ("123456" -> ["123", "456"]).
 *
 * @example
 * groupDigits('123456', 3) // ['123', '456']
 */
export function groupDigits(code: string, size: number): string[] {
  if (size <= 0) return [code]
  const groups: string[] = []
  for (let i = 0; i < code.length; i += size) groups.push(code.slice(i, i + size))
  return groups
}

/**
 * Shows an authorization code in big digits, grouped 3+3, and optionally as a QR code. Screen
 * readers hear the digits one by one ("Authorization code 1 2 3 4 5 6"), not "one hundred
 * twenty-three thousand...".
 *
 * @example
 * {invitation.authCode && <AuthCode code={invitation.authCode} showQr />}
 */
export function AuthCode({
  code,
  label = 'Authorization code',
  groupSize = 3,
  showQr = false,
  qrValue,
  qrSize = 144,
  unstyled,
  className,
  style,
  ...rest
}: AuthCodeProps) {
  const spoken = `${label} ${code.split('').join(' ')}`
  return (
    <div {...rest} className={className} data-echo-auth-code="" data-qr={showQr ? '' : undefined} style={styleFor(unstyled, rootStyle, style)}>
      {/* role="img" makes the label the whole announcement; a plain text node would be read as one number. */}
      <div role="img" aria-label={spoken} data-part="digits" style={unstyled ? undefined : digitsStyle}>
        {groupDigits(code, groupSize).map((group, index) => (
          <span key={index} data-part="group" style={unstyled ? undefined : groupStyle}>
            {group}
          </span>
        ))}
      </div>
      {showQr && <QrCode value={qrValue ?? code} label={`QR code of the ${label.toLowerCase()}`} size={qrSize} unstyled={unstyled} />}
    </div>
  )
}

const rootStyle: CSSProperties = {
  display: 'inline-flex',
  flexDirection: 'column',
  alignItems: 'center',
  gap: '1rem',
  fontFamily: tokens.font,
  color: tokens.fg,
}

const digitsStyle: CSSProperties = {
  display: 'flex',
  gap: '0.6em',
  fontFamily: tokens.mono,
  fontSize: '2.5rem',
  fontWeight: 600,
  fontVariantNumeric: 'tabular-nums',
  letterSpacing: '0.12em',
  lineHeight: 1.1,
}

const groupStyle: CSSProperties = {
  // letter-spacing also trails the last digit, so the right padding gives that much back.
  padding: '0.15em 0.23em 0.15em 0.35em',
  borderRadius: tokens.radius,
  background: tokens.surface,
}
