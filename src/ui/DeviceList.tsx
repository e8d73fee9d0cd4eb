import { useId, useLayoutEffect, useRef, useState, type ComponentPropsWithoutRef } from 'react'
import type { Device } from '../core/index.ts'
import { useClient, useDevices } from '../react/index.ts'
import { ConfirmAction } from './ConfirmAction.tsx'
import { useMessages, type MessagesOverride } from './EchoUIProvider.tsx'
import { Part, PartsScope, visuallyHidden } from './kit.tsx'
import type { KitComponents, PartClassNames } from './KitComponents.ts'

/**
 * Props of {@link DeviceList}.
 *
 * @example
 * const props: DeviceListProps = { label: 'Your devices', onRevoked: (d) => toast(`Revoked ${d.label}`) }
 */
export interface DeviceListProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** Accessible name of the list. Default: the `devices.label` message. */
  label?: string | undefined
  /** Called after a device was revoked. */
  onRevoked?: ((device: Device) => void) | undefined
  /** Words for this list, merged over `EchoUIProvider`'s. */
  messages?: MessagesOverride | undefined
  /** Class names by part (`list`, `row`, `name`, `current`, `key`, `count`, `action`, …). */
  classNames?: PartClassNames | undefined
  /** The app's own Button for the Revoke buttons. */
  components?: KitComponents | undefined
  /** Drop the look of `echo-kit/styles.css`. */
  unstyled?: boolean | undefined
}

/**
 * This identity's devices, live, this device first and marked "this device". On the device
 * that may manage devices (`client.canManageDevices`: the one holding the identity key) every
 * other device has a Revoke button with a confirm step: a revoked device is refused by every
 * peer from then on. Other devices see the list without buttons. After a revocation a status
 * line says so and focus moves to the list.
 *
 * @example
 * <DeviceList />
 */
export function DeviceList({ classNames, components, ...props }: DeviceListProps) {
  return (
    <PartsScope classNames={classNames} components={components}>
      <List {...props} />
    </PartsScope>
  )
}

function List({ label, onRevoked, messages, unstyled, ...rest }: Omit<DeviceListProps, 'classNames' | 'components'>) {
  const all = useMessages(messages)
  const m = all.devices
  const client = useClient()
  const devices = useDevices()
  const canManage = client.canManageDevices
  const [announcement, setAnnouncement] = useState('')
  const [focusList, setFocusList] = useState(0)
  const listRef = useRef<HTMLUListElement>(null)
  const ids = useId()
  useLayoutEffect(() => {
    if (focusList) listRef.current?.focus()
  }, [focusList])

  const nameOf = (device: Device) => device.label?.trim() || m.unnamed(device.deviceKey.slice(0, 8))

  const revoke = async (device: Device) => {
    const name = nameOf(device)
    try {
      await client.revokeDevice(device.deviceKey)
    } catch (error) {
      throw new Error(m.revokeFailed(name, String((error as Error)?.message ?? error)))
    }
    setAnnouncement(m.revoked(name))
    setFocusList((n) => n + 1)
    onRevoked?.(device)
  }

  return (
    <Part part="device-list" {...rest} data-echo-device-list="" data-manage={canManage ? '' : undefined} data-unstyled={unstyled ? '' : undefined}>
      <Part as="ul" part="list" ref={listRef} tabIndex={-1} aria-label={label ?? m.label} aria-describedby={`${ids}count`}>
        {devices.map((device) => {
          const name = nameOf(device)
          return (
            <Part as="li" part="row" key={device.deviceKey} data-current={device.current ? '' : undefined}>
              <Part part="row-main">
                <Part as="span" part="name">
                  {name}
                  {device.current && (
                    <Part as="span" part="current">
                      <span style={visuallyHidden}>(</span>
                      {m.thisDevice}
                      <span style={visuallyHidden}>)</span>
                    </Part>
                  )}
                </Part>
                <Part as="span" part="key" data-mono="">
                  {m.key(device.deviceKey.slice(0, 16))}
                </Part>
              </Part>
              {canManage && !device.current && (
                <ConfirmAction
                  label={m.revoke}
                  subject={name}
                  question={m.revokeQuestion(name)}
                  cancelLabel={m.keep}
                  pendingLabel={m.revoking(name)}
                  onConfirm={() => revoke(device)}
                />
              )}
            </Part>
          )
        })}
      </Part>
      <Part as="p" part="count" id={`${ids}count`}>
        {devices.length === 0 ? m.noIdentity : m.count(devices.length)}
      </Part>
      <p role="status" style={visuallyHidden}>
        {announcement}
      </p>
    </Part>
  )
}
