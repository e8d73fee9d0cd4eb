import { useSyncExternalStore } from 'react'
import type { Device } from '../core/index.ts'
import { useEchoContext } from './EchoContext.ts'

/**
 * Devices of this identity, live (this one first; revoked ones left out).
 *
 * @example
 * const devices = useDevices()
 * return <ul>{devices.map((d) => <li key={d.deviceKey}>{d.label ?? d.deviceKey.slice(0, 8)}</li>)}</ul>
 */
export function useDevices(): readonly Device[] {
  const client = useEchoContext('useDevices')
  const get = () => client.getSnapshot().devices
  return useSyncExternalStore(client.subscribe, get, get)
}
