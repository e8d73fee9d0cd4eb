import { useId, useLayoutEffect, useRef, useState, type ComponentPropsWithoutRef, type CSSProperties } from 'react'
import type { Device } from '../core/index.ts'
import { useClient, useDevices } from '../react/index.ts'
import { ConfirmAction } from './ConfirmAction.tsx'
import { panelStyles } from './panelStyles.ts'
import { styleFor, tokens, visuallyHidden } from './theme.ts'

/**
 * Props of {@link DeviceList}.
 *
 * @example
 * const props: DeviceListProps = { label: 'Your devices', onRevoked: (d) => toast(`Revoked ${d.label}`) }
 */
export interface DeviceListProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** Accessible name of the list. Default "Devices". */
  label?: string
  /** Called after a device was revoked. */
  onRevoked?: (device: Device) => void
  /** Drop the default inline styles (keep `data-*` attributes for your own CSS). */
  unstyled?: boolean
}

function deviceName(device: Device): string {
  return device.label?.trim() || `Device ${device.deviceKey.slice(0, 8)}`
}

/**
 * This identity's devices, live, this device first and marked "this device". Every other
 * device has a Revoke button with a confirm step: a revoked device is refused by every peer
 * from then on. Failures (e.g. only the device that created the identity may revoke) are shown
 * as text; after a revocation a status line says so and focus moves to the list.
 *
 * @example
 * <DeviceList />
 */
export function DeviceList({ label = 'Devices', onRevoked, unstyled, style, ...rest }: DeviceListProps) {
  const client = useClient()
  const devices = useDevices()
  const [announcement, setAnnouncement] = useState('')
  const [focusList, setFocusList] = useState(0)
  const listRef = useRef<HTMLUListElement>(null)
  const ids = useId()
  useLayoutEffect(() => {
    if (focusList) listRef.current?.focus()
  }, [focusList])
  const s = (css: CSSProperties) => (unstyled ? undefined : css)

  const revoke = async (device: Device) => {
    const name = deviceName(device)
    try {
      await client.revokeDevice(device.deviceKey)
    } catch (error) {
      throw new Error(`Could not revoke ${name}: ${(error as Error)?.message ?? error}`)
    }
    setAnnouncement(`${name} was revoked. It can no longer sync your data.`)
    setFocusList((n) => n + 1)
    onRevoked?.(device)
  }

  return (
    <div {...rest} data-echo-device-list="" style={styleFor(unstyled, rootStyle, style)}>
      <ul ref={listRef} tabIndex={-1} aria-label={label} aria-describedby={`${ids}count`} style={s(panelStyles.list)}>
        {devices.map((device) => {
          const name = deviceName(device)
          return (
            <li key={device.deviceKey} data-current={device.current ? '' : undefined} style={s(panelStyles.row)}>
              <div style={s(panelStyles.rowMain)}>
                <span style={s({ fontWeight: 500 })}>
                  {name}
                  {device.current && (
                    <span data-part="current" style={s(panelStyles.tag)}>
                      <span style={visuallyHidden}>(</span>this device<span style={visuallyHidden}>)</span>
                    </span>
                  )}
                </span>
                <span data-part="key" style={s({ ...panelStyles.hint, ...panelStyles.mono })}>
                  Key {device.deviceKey.slice(0, 16)}…
                </span>
              </div>
              {!device.current && (
                <ConfirmAction
                  label="Revoke"
                  subject={name}
                  question={`Revoke ${name}? It will stop syncing your data.`}
                  cancelLabel="Keep"
                  pendingLabel={`Revoking ${name}…`}
                  onConfirm={() => revoke(device)}
                  unstyled={unstyled}
                />
              )}
            </li>
          )
        })}
      </ul>
      <p id={`${ids}count`} style={s({ ...panelStyles.hint, marginTop: '0.5rem' })}>
        {devices.length === 0 ? 'No identity on this device yet.' : devices.length === 1 ? '1 device' : `${devices.length} devices`}
      </p>
      <p role="status" style={visuallyHidden}>
        {announcement}
      </p>
    </div>
  )
}

const rootStyle: CSSProperties = { fontFamily: tokens.font, color: tokens.fg }
