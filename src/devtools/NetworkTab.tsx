import { useEffect, useState } from 'react'
import type { Space } from '../core/index.ts'
import { useNetworkStatus, useSyncStatus } from '../react/index.ts'
import { bytes } from './format.ts'

type StorageEstimate = { usage?: number; quota?: number } | 'unavailable' | 'loading'

/** The origin's storage use (IndexedDB and the rest), where the browser can tell. */
function useStorageEstimate(): StorageEstimate {
  const [estimate, setEstimate] = useState<StorageEstimate>('loading')
  useEffect(() => {
    let live = true
    const storage = (globalThis.navigator as { storage?: { estimate?: () => Promise<{ usage?: number; quota?: number }> } } | undefined)?.storage
    if (!storage?.estimate) {
      setEstimate('unavailable')
      return
    }
    // A browser may refuse (private mode, permissions): the panel says so instead of guessing.
    storage.estimate().then(
      (e) => live && setEstimate(e),
      () => live && setEstimate('unavailable'),
    )
    return () => {
      live = false
    }
  }, [])
  return estimate
}

function SyncRow({ space }: { space: Space }) {
  const sync = useSyncStatus(space)
  return (
    <tr data-state={sync.status}>
      <td>{space.name || (space.personal ? 'Personal' : space.id.slice(0, 8))}</td>
      <td>{sync.status}</td>
      <td>{sync.peers}</td>
    </tr>
  )
}

/**
 * Network status (signaling, peers), each space's sync status, and how much storage the
 * origin uses.
 *
 * @example <NetworkTab spaces={spaces} />
 */
export function NetworkTab({ spaces }: { spaces: readonly Space[] }) {
  const network = useNetworkStatus()
  const storage = useStorageEstimate()
  return (
    <div data-part="devtools-network">
      <dl data-part="devtools-facts">
        <dt>Network</dt>
        <dd data-part="devtools-network-status">{network.status}</dd>
        <dt>Signaling</dt>
        <dd>{network.signaling}</dd>
        <dt>Connected peers</dt>
        <dd>{network.peers}</dd>
        <dt>Storage used</dt>
        <dd>
          {storage === 'loading'
            ? 'measuring…'
            : storage === 'unavailable'
              ? 'not available here'
              : `${bytes(storage.usage)}${storage.quota ? ` of ${bytes(storage.quota)}` : ''}`}
        </dd>
      </dl>
      {spaces.length > 0 && (
        <table data-part="devtools-table">
          <caption>Sync status</caption>
          <thead>
            <tr>
              <th scope="col">Space</th>
              <th scope="col">Status</th>
              <th scope="col">Peers</th>
            </tr>
          </thead>
          <tbody>
            {spaces.map((s) => (
              <SyncRow key={s.id} space={s} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
