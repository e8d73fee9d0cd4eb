import { useCallback, useSyncExternalStore } from 'react'
import type { Device } from '../core/index.ts'
import { useEchoContext } from './EchoContext.ts'

/**
 * Devices of this identity (this device first), live.
 *
 * @example
 * const devices = useDevices()
 * return <p>{devices.length} device(s)</p>
 */
export function useDevices(): readonly Device[] {
  const client = useEchoContext('useDevices')
  const subscribe = useCallback((l: () => void) => client.subscribe(l), [client])
  return useSyncExternalStore(subscribe, () => client.devices, () => client.devices)
}
