import { useCallback, useSyncExternalStore } from 'react'
import type { Member, Space } from '../core/index.ts'
import { useEchoContext } from './EchoContext.ts'

const NONE: readonly Member[] = []

/**
 * Members of a space (verified from its credentials), live.
 *
 * @example
 * const members = useMembers(space)
 * return <ul>{members.map((m) => <li key={m.identityKey}>{m.displayName} ({m.role})</li>)}</ul>
 */
export function useMembers(space: Space | undefined): readonly Member[] {
  useEchoContext('useMembers')
  const subscribe = useCallback((l: () => void) => (space ? space.subscribe(l) : () => {}), [space])
  const get = () => space?.members ?? NONE
  return useSyncExternalStore(subscribe, get, get)
}
