// Drop counters of one PeerConnection. A remote peer is untrusted, so what it gets wrong is
// counted instead of thrown; the adapter sums these over all its connections.

/**
 * Counters of what a {@link PeerConnection} dropped instead of throwing.
 *
 * @example console.log(pc.stats.droppedFrames)
 */
export type PeerConnectionStats = {
  /** Data-channel messages that were malformed, of an unexpected kind, or not reassembled. */
  droppedFrames: number
  /** Messages abandoned part-way, and messages the owner's `onMessage` threw on. */
  droppedMessages: number
  /** Data frames the session cipher refused (each one also closes the connection). */
  decryptFailures: number
  /** Signals that could not be applied (negotiation errors, rejected ICE candidates). */
  signalErrors: number
}
