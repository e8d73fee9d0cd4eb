import type { ReactNode } from 'react'
import { PresenceAvatars, useIdentity, useNetworkStatus, useSyncStatus, type Space } from '../../src/index.ts'
import { peerName } from '../clientName.ts'
import { initials } from '../model.ts'
import { useSaveState } from '../useSaveState.ts'

/** The top bar. `join` is the Join dialog (its trigger shows here; the app owns its open state). */
export function Header({ space, join }: { space: Space | undefined; join?: ReactNode }) {
  const identity = useIdentity()
  const save = useSaveState()
  return (
    <header className="topbar">
      <div className="brand">
        <span className="logo" aria-hidden="true" />
        <span className="brand__name">
          echo<span className="brand__dash">-</span>kit
        </span>
        <span className="brand__app">Tasks</span>
      </div>
      <div className="topbar__actions">
        <span className={`save save--${save}`} role="status" aria-live="polite">
          {save === 'saving' ? 'Saving…' : save === 'error' ? 'Could not save' : 'All changes saved'}
        </span>
        {/* Who else has this space open now (one avatar per member, names on hover). */}
        {space && !space.personal && <PresenceAvatars space={space} label={`Here now in ${space.name}`} max={4} />}
        <ConnectionStatus space={space} />
        {join}
        {identity && (
          <span className="user" title={peerName ? `Client “${peerName}”` : undefined}>
            <span className="avatar avatar--me" aria-hidden="true">
              {initials(identity.displayName)}
            </span>
            <span className="user__name">{identity.displayName}</span>
            {peerName && <span className="user__peer">@{peerName}</span>}
          </span>
        )}
      </div>
    </header>
  )
}

type Tone = 'neutral' | 'info' | 'success' | 'warning'

/** Network (client) and sync (selected space) status as one badge. */
function ConnectionStatus({ space }: { space: Space | undefined }) {
  const network = useNetworkStatus()
  const sync = useSyncStatus(space)
  let tone: Tone
  let label: string
  let detail: string
  if (network.status === 'offline') {
    tone = 'neutral'
    label = 'Offline'
    detail = 'Working offline: everything is kept on this device.'
  } else if (network.status === 'connecting') {
    tone = 'warning'
    label = 'Connecting…'
    detail = 'Looking for peers.'
  } else if (sync.status === 'syncing') {
    tone = 'info'
    label = 'Syncing…'
    detail = `Exchanging changes with ${plural(sync.peers, 'peer')}.`
  } else {
    tone = 'success'
    label = network.peers > 0 ? `Online · ${plural(network.peers, 'peer')}` : 'Online'
    detail = sync.status === 'synced' ? 'Up to date with every connected peer.' : 'Connected.'
  }
  return (
    <span className="badge" data-tone={tone} role="status" aria-live="polite" title={detail} data-network={network.status} data-sync={sync.status}>
      <span className="badge__dot" aria-hidden="true" />
      {label}
    </span>
  )
}

function plural(n: number, word: string) {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}
