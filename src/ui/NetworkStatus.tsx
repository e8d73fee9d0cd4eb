import type { ReactNode, Ref } from 'react'
import { useMessages } from './EchoUIProvider.tsx'
import { visuallyHidden } from './kit.tsx'
import type { EchoMessages } from './EchoMessages.ts'
import { StatusBadge, type StatusBadgeProps, type StatusTone } from './StatusBadge.tsx'

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
  peers?: number | undefined
  /** Replaces the text (the words otherwise come from the `network` messages). */
  formatLabel?: (status: NetworkStatusState, peers: number | undefined) => ReactNode
  /** Accepted so a network snapshot spreads in cleanly; not shown. */
  signaling?: string | undefined
  ref?: Ref<HTMLSpanElement> | undefined
}

const tones: Record<NetworkStatusState, StatusTone> = { offline: 'neutral', connecting: 'warning', online: 'success' }

function defaultLabel(words: EchoMessages['network'], status: NetworkStatusState, peers: number | undefined): ReactNode {
  if (status !== 'online' || peers === undefined) return words[status]
  return (
    <>
      {words[status]}
      {/* A middle dot is read out as "dot" by some screen readers, so they get a comma instead. */}
      <span aria-hidden="true"> · </span>
      <span style={visuallyHidden}>, </span>
      {words.peers(peers)}
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
export function NetworkStatus({ status, peers, formatLabel, signaling: _signaling, ...rest }: NetworkStatusProps) {
  const m = useMessages()
  return (
    <StatusBadge role="status" data-part="network-status" data-state={status} tone={tones[status]} {...rest}>
      {formatLabel ? formatLabel(status, peers) : defaultLabel(m.network, status, peers)}
    </StatusBadge>
  )
}
