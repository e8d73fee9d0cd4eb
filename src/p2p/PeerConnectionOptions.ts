// The contract between a PeerConnection and its owner: how to build the RTCPeerConnection,
// where outgoing signals go, and the callbacks through which the connection reports back.
import type { FrameKind } from './FrameKind.ts'
import type { PeerSignal } from './PeerSignal.ts'

/**
 * Options of {@link PeerConnection}.
 *
 * @example
 * const options: PeerConnectionOptions = {
 *   RTCPeerConnection, configuration: { iceServers: [] }, polite: true, maxMessageBytes: 1 << 20,
 *   sendSignal: (s) => signaling.send(topic, remoteId, s),
 *   onOpen() {}, onReady() {}, onMessage(kind, bytes) {}, onClose(reason, refused) {},
 * }
 */
export type PeerConnectionOptions = {
  RTCPeerConnection: typeof RTCPeerConnection
  /** Passed to the RTCPeerConnection constructor (node-datachannel also reads `bindAddress`). */
  configuration: RTCConfiguration
  /** Exactly one side of a pair is polite; it yields when both offer at once. */
  polite: boolean
  /** Largest message accepted from the remote, in bytes. */
  maxMessageBytes: number
  /** Largest data-channel message sent, in bytes (default 16 KiB). */
  frameBytes?: number
  /** Delivers a signal to the remote through signaling (best effort, like signaling itself). */
  sendSignal(signal: PeerSignal): void
  /** The data channel is open: handshake messages can flow. */
  onOpen(): void
  /** Both sides called {@link PeerConnection.setCipher}: data messages flow from now on. */
  onReady(): void
  /** One whole (reassembled, decrypted) message from the remote. */
  onMessage(kind: FrameKind, message: Uint8Array): void
  /**
   * Called once when the connection dies on its own (not after {@link PeerConnection.close});
   * `refused` when the remote said it refuses us.
   */
  onClose(reason: string, refused: boolean): void
}
