import { useEffect, useRef, useState, type ComponentPropsWithoutRef } from 'react'
import { Part, usePartClass } from './kit.tsx'

/**
 * What a {@link QrScanner} is doing; also its `data-state`.
 *
 * @example const state: QrScannerState = 'denied'
 */
export type QrScannerState = 'starting' | 'scanning' | 'denied' | 'unavailable'

/**
 * Props of {@link QrScanner}.
 *
 * @example
 * const props: QrScannerProps = { onScan: (text) => console.log(text), label: 'Camera', messages: { scanning: '…', denied: '…', unavailable: '…' } }
 */
export interface QrScannerProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** Called with the text of each QR code seen (until unmounted). */
  onScan: (text: string) => void
  /** Accessible name of the camera view. */
  label: string
  /** What the status line says in each state. */
  messages: { scanning: string; denied: string; unavailable: string }
}

type Detect = (video: HTMLVideoElement) => Promise<string | undefined>

/** Whether this browser can ask for a camera at all (a Scan button is pointless otherwise). */
export function canScan(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function'
}

// The platform's BarcodeDetector where it reads QR codes (Chrome on Android and macOS, Safari),
// else jsQR, loaded only now so apps that never scan never download it.
async function makeDetector(): Promise<Detect> {
  const Native = (globalThis as { BarcodeDetector?: new (o: { formats: string[] }) => { detect(v: HTMLVideoElement): Promise<{ rawValue: string }[]> } } & {
    BarcodeDetector?: { getSupportedFormats?: () => Promise<string[]> }
  }).BarcodeDetector
  const formats = (await (Native as unknown as { getSupportedFormats?: () => Promise<string[]> })?.getSupportedFormats?.()) ?? []
  if (Native && formats.includes('qr_code')) {
    const detector = new Native({ formats: ['qr_code'] })
    return async (video) => (await detector.detect(video))[0]?.rawValue
  }
  const { default: jsQR } = await import('jsqr')
  const canvas = document.createElement('canvas')
  const context = canvas.getContext('2d', { willReadFrequently: true })
  return async (video) => {
    if (!context || !video.videoWidth) return undefined
    canvas.width = video.videoWidth
    canvas.height = video.videoHeight
    context.drawImage(video, 0, 0)
    const image = context.getImageData(0, 0, canvas.width, canvas.height)
    return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data
  }
}

/**
 * A camera view that reads QR codes: asks for the camera (the browser's permission prompt),
 * shows the picture, and calls `onScan` with what it reads. When the camera is blocked or
 * missing it says so (`data-state` "denied" / "unavailable") so the user types instead. The
 * camera is released when it unmounts. Used by JoinPanel to scan the host's 6-digit code.
 *
 * @example {scanning && <QrScanner label="Camera" messages={m} onScan={(text) => submit(text)} />}
 */
export function QrScanner({ onScan, label, messages, className, ...rest }: QrScannerProps) {
  const [state, setState] = useState<QrScannerState>('starting')
  const video = useRef<HTMLVideoElement>(null)
  const onScanRef = useRef(onScan)
  onScanRef.current = onScan
  const rootClass = usePartClass('scanner', className)

  useEffect(() => {
    let stream: MediaStream | undefined
    let timer: ReturnType<typeof setTimeout> | undefined
    let live = true
    const start = async () => {
      if (!canScan()) return setState('unavailable')
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      } catch (error) {
        // NotAllowedError / SecurityError: the user or the page's policy said no.
        if (live) setState((error as DOMException)?.name === 'NotAllowedError' || (error as DOMException)?.name === 'SecurityError' ? 'denied' : 'unavailable')
        return
      }
      if (!live || !video.current) return stream.getTracks().forEach((t) => t.stop())
      video.current.srcObject = stream
      await video.current.play().catch(() => {
        // Autoplay refusals do not matter: frames are read from the element either way.
      })
      const detect = await makeDetector()
      setState('scanning')
      const tick = async () => {
        if (!live || !video.current) return
        const text = await detect(video.current).catch(() => undefined)
        if (text && live) onScanRef.current(text)
        timer = setTimeout(tick, 200)
      }
      void tick()
    }
    void start()
    return () => {
      live = false
      clearTimeout(timer)
      stream?.getTracks().forEach((t) => t.stop())
    }
  }, [])

  return (
    <div {...rest} className={rootClass} data-part="scanner" data-state={state}>
      {state !== 'denied' && state !== 'unavailable' && <video ref={video} aria-label={label} muted playsInline data-part="camera" />}
      <Part as="p" part={state === 'scanning' || state === 'starting' ? 'hint' : 'error'} role="status">
        {state === 'denied' ? messages.denied : state === 'unavailable' ? messages.unavailable : messages.scanning}
      </Part>
    </div>
  )
}
