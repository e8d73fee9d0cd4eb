import type { CSSProperties, Ref } from 'react'
import { QRCodeSVG } from 'qrcode.react'

/**
 * Props of {@link QrCode}.
 *
 * @example
 * const props: QrCodeProps = { value: link, label: 'QR code of the invitation link' }
 */
export interface QrCodeProps {
  /** Text to encode (an invitation link, a code). */
  value: string
  /** Accessible name: what the code holds, e.g. "QR code of the invitation link". Required. */
  label: string
  /** Width and height in CSS pixels, quiet zone included. Default 176. */
  size?: number | undefined
  /** Error correction: L 7%, M 15%, Q 25%, H 30% of the code may be damaged. Default "M". */
  level?: 'L' | 'M' | 'Q' | 'H' | undefined
  /** Quiet zone in modules. Default 4, as the QR standard asks: scanners need it on dark pages. */
  marginSize?: number | undefined
  /** Dark modules. Default black: scanners want strong contrast, so theme with care. */
  fgColor?: string | undefined
  /** Light modules and quiet zone. Default white (also in dark mode: scanners need it). */
  bgColor?: string | undefined
  className?: string | undefined
  style?: CSSProperties | undefined
  unstyled?: boolean | undefined
  ref?: Ref<SVGSVGElement> | undefined
}

/**
 * A QR code as an SVG image with an accessible name (`role="img"` + `aria-label`),
 * `data-part="qr"`.
 *
 * @example
 * <QrCode value={`${location.origin}/#join=${invitation.code}`} label="QR code of the invitation link" />
 */
export function QrCode({ value, label, size = 176, level = 'M', marginSize = 4, fgColor = '#000000', bgColor = '#ffffff', className, style, unstyled, ref }: QrCodeProps) {
  return (
    <QRCodeSVG
      ref={ref}
      value={value}
      size={size}
      level={level}
      marginSize={marginSize}
      fgColor={fgColor}
      bgColor={bgColor}
      role="img"
      aria-label={label}
      className={className}
      style={style}
      data-echo-qr=""
      data-part="qr"
      data-unstyled={unstyled ? '' : undefined}
    />
  )
}
