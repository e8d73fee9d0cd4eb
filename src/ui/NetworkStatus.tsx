import type { ReactNode, Ref } from 'react'
import { StatusBadge, type StatusBadgeProps, type StatusTone } from './StatusBadge.tsx'
import { visuallyHidden } from './theme.ts'

/**
 * A client's connectivity, as `useNetworkStatus().status` reports it.
 *
 * @example
 * const state: NetworkStatusState = 'online'
 */
export type NetworkStatusState = 'offline' | 'connecting' | 'online'

/**
 * Props of {@link NetworkStatus}. Shaped so `useNetworkStatus()`'s result can be spread in.
 *
 * @example
 * <NetworkStatus {...useNetworkStatus()} />
 */
export interface NetworkStatusProps extends Omit<StatusBadgeProps, 'children' | 'tone'> {
  status: NetworkStatusState
  /** Connected peers; shown when online and given. */
  peers?: number
  /** Replaces the text, e.g. for translation. */
  formatLabel?: (status: NetworkStatusState, peers: number | undefined) => ReactNode
  /** Accepted so a network snapshot spreads in cleanly; not shown. */
  signaling?: string
  ref?: Ref<HTMLSpanElement>
}

const tones: Record<NetworkStatusState, StatusTone> = { offline: 'neutral', connecting: 'warning', online: 'success' }
const words: Record<NetworkStatusState, string> = { offline: 'Offline', connecting: 'Connecting…', online: 'Online' }

function defaultLabel(status: NetworkStatusState, peers: number | undefined): ReactNode {
  if (status !== 'online' || peers === undefined) return words[status]
  return (
    <>
      {words[status]}
      {/* A middle dot is read out as "dot" by some screen readers, so they get a comma instead. */}
      <span aria-hidden="true"> · </span>
      <span style={visuallyHidden}>, </span>
      {peers === 1 ? '1 peer' : `${peers} peers`}
    </>
  )
}

/**
 * Shows whether this client is offline, connecting or online (and with how many peers).
 * A polite live region (`role="status"`), so changes are announced without stealing focus.
 *
 * @example
 * function Header() {
 *   const network = useNetworkStatus()
 *   return <NetworkStatus status={network.status} peers={network.peers} />
 * }
 */
export function NetworkStatus({ status, peers, formatLabel = defaultLabel, signaling: _signaling, ...rest }: NetworkStatusProps) {
  return (
    <StatusBadge role="status" data-state={status} tone={tones[status]} {...rest}>
      {formatLabel(status, peers)}
    </StatusBadge>
  )
}
