import { useCallback, useSyncExternalStore } from 'react'
import type { Space } from '../core/index.ts'

/**
 * A space's name, live ('' while unknown or still loading). Shared by the src/ui components
 * that name a space; not exported from `src/ui/index.ts`.
 *
 * @example
 * const name = useSpaceName(space)
 * return <h2>Invite to {name || 'this space'}</h2>
 */
export function useSpaceName(space: Space | undefined): string {
  const subscribe = useCallback((listener: () => void) => (space ? space.subscribe(listener) : () => {}), [space])
  const get = () => space?.name ?? ''
  return useSyncExternalStore(subscribe, get, get)
}
