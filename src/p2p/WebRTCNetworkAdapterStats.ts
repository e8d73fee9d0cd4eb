// What WebRTCNetworkAdapter dropped instead of throwing. Remote peers and signaling are
// untrusted, and our own listeners may be buggy: none of that may break the adapter, but
// all of it shows up here (diagnostics, tests, the latency bench).
import type { PeerConnectionStats } from './PeerConnectionStats.ts'

/**
 * Counters of everything the adapter dropped instead of throwing, summed over all
 * connections so far.
 *
 * @example const { droppedFrames, badMessages } = adapter.stats
 */
export type WebRTCNetworkAdapterStats = PeerConnectionStats & {
  /**
   * Signals the connections could not apply, plus signaling events and timers whose handler
   * threw (e.g. an RTCPeerConnection refusing its configuration).
   */
  signalErrors: number
  /** Signaling messages that were not well-formed. */
  badSignals: number
  /**
   * Reassembled messages that did not decode, were addressed elsewhere or spoofed a sender,
   * and messages from the Repo that could not be encoded.
   */
  badMessages: number
  /** Session handshakes that threw or timed out; each closes its connection, which is redialed. */
  handshakeFailures: number
  /** Exceptions thrown by our own event listeners (e.g. the Repo's), caught and logged. */
  listenerErrors: number
}

/**
 * All counters at zero.
 *
 * @example const closedStats = emptyAdapterStats()
 */
export function emptyAdapterStats(): WebRTCNetworkAdapterStats {
  return {
    droppedFrames: 0,
    droppedMessages: 0,
    decryptFailures: 0,
    signalErrors: 0,
    badSignals: 0,
    badMessages: 0,
    handshakeFailures: 0,
    listenerErrors: 0,
  }
}

/**
 * Adds one connection's counters into `into` (when it closes, or to sum the open ones).
 *
 * @example addStats(closedStats, pc.stats)
 */
export function addStats(into: WebRTCNetworkAdapterStats, from: PeerConnectionStats): void {
  into.droppedFrames += from.droppedFrames
  into.droppedMessages += from.droppedMessages
  into.decryptFailures += from.decryptFailures
  into.signalErrors += from.signalErrors
}
