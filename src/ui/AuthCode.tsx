import type { ComponentPropsWithoutRef, Ref } from 'react'
import { useMessages } from './EchoUIProvider.tsx'
import { QrCode } from './QrCode.tsx'

/**
 * Props of {@link AuthCode}.
 *
 * @example
 * const props: AuthCodeProps = { code: invitation.authCode!, showQr: true }
 */
export interface AuthCodeProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** The code to show, e.g. "123456". */
  code: string
  /** Spoken before the digits. Default: the `authCode.label` message ("Authorization code"). */
  label?: string | undefined
  /** Digits per visual group. Default 3 ("123 456"); 0 = no grouping. */
  groupSize?: number | undefined
  /** Also show the code as a QR code, for a guest who scans rather than types. */
  showQr?: boolean | undefined
  /** What the QR code encodes. Default: the code itself. */
  qrValue?: string | undefined
  /** QR size in pixels. Default 144. */
  qrSize?: number | undefined
  unstyled?: boolean | undefined
  ref?: Ref<HTMLDivElement> | undefined
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
 * twenty-three thousand...". Parts: `digits`, `group`, `qr`.
 *
 * @example
 * {invitation.authCode && <AuthCode code={invitation.authCode} showQr />}
 */
export function AuthCode({ code, label, groupSize = 3, showQr = false, qrValue, qrSize = 144, unstyled, ...rest }: AuthCodeProps) {
  const m = useMessages()
  const name = label ?? m.authCode.label
  const spoken = `${name} ${code.split('').join(' ')}`
  return (
    <div data-part="auth-code" {...rest} data-echo-auth-code="" data-qr={showQr ? '' : undefined} data-unstyled={unstyled ? '' : undefined}>
      {/* role="img" makes the label the whole announcement; a plain text node would be read as one number. */}
      <div role="img" aria-label={spoken} data-part="digits">
        {groupDigits(code, groupSize).map((group, index) => (
          <span key={index} data-part="group">
            {group}
          </span>
        ))}
      </div>
      {showQr && <QrCode value={qrValue ?? code} label={m.authCode.qrLabel(name)} size={qrSize} />}
    </div>
  )
}
