import { useCallback, useSyncExternalStore } from 'react'
import type { PresencePeer, PresenceState, Space } from '../core/index.ts'
import { useEchoContext } from './EchoContext.ts'

/** What {@link usePresence} returns. */
export interface UsePresenceResult {
  /** Other devices of members here now (empty while there is no space). */
  peers: readonly PresencePeer[]
  /** This device's shared state. */
  state: PresenceState
  /** Shares JSON state with the space's other devices (see `space.presence.setPresence`). */
  setPresence: (state: PresenceState | ((current: PresenceState) => PresenceState)) => void
}

const NONE: readonly PresencePeer[] = Object.freeze([])
const EMPTY = Object.freeze({ peers: NONE, state: null })

/**
 * Who is here now in a space, live, and a setter for what this device shares.
 *
 * @example
 * const { peers, setPresence } = usePresence(space)
 * useEffect(() => setPresence({ viewing: taskId }), [taskId])
 * return <p>{peers.map((p) => p.displayName).join(', ')}</p>
 */
export function usePresence(space: Space | undefined): UsePresenceResult {
  useEchoContext('usePresence')
  const presence = space?.presence
  const subscribe = useCallback((l: () => void) => (presence ? presence.subscribe(l) : () => {}), [presence])
  const get = () => presence?.getSnapshot() ?? EMPTY
  const snapshot = useSyncExternalStore(subscribe, get, get)
  const setPresence = useCallback<UsePresenceResult['setPresence']>((state) => presence?.setPresence(state), [presence])
  return { peers: snapshot.peers, state: snapshot.state, setPresence }
}
