import { useSyncExternalStore } from 'react'
import type { Space } from '../core/index.ts'
import { useEchoContext } from './EchoContext.ts'

/**
 * The spaces of this client, live (same array until the list changes).
 *
 * @example
 * const spaces = useSpaces()
 * return <ul>{spaces.map((s) => <li key={s.id}>{s.name}</li>)}</ul>
 */
export function useSpaces(): readonly Space[] {
  const client = useEchoContext('useSpaces')
  const get = () => client.getSnapshot().spaces
  return useSyncExternalStore(client.subscribe, get, get)
}
