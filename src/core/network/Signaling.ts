// The WebRTC adapter needs only these few operations from a signaling channel, so it can run
// over the ws-based SignalingClient in the app and over MemorySignaling in unit tests.

/**
 * A signaling channel: topic membership plus relaying small JSON messages between the peers
 * of a topic. `SignalingClient` (ws) and `MemorySignaling` (tests) both fit structurally.
 *
 * Events only arrive for topics this peer has joined. `peers` answers every (re)join and is
 * the authoritative member list; `peer-joined` / `peer-left` track changes after that.
 *
 * @example
 * const off = signaling.on('peer-joined', ({ topic, peerId }) => console.log(topic, peerId))
 * signaling.join(topic)
 * signaling.send(topic, 'bob', { hello: true })
 * off()
 */
export interface Signaling {
  /** This peer's signaling id (not the automerge PeerId). */
  readonly peerId: string
  join(topic: string): void
  leave(topic: string): void
  /** `data` must be JSON-serialisable; delivery is best effort (dropped while offline). */
  send(topic: string, to: string, data: unknown): void
  on(event: 'peers', h: (e: SignalingPeersEvent) => void): () => void
  on(event: 'peer-joined', h: (e: SignalingPeerEvent) => void): () => void
  on(event: 'peer-left', h: (e: SignalingPeerEvent) => void): () => void
  on(event: 'signal', h: (e: SignalingSignalEvent) => void): () => void
}

/**
 * Reply to `join`: who else is in the topic.
 *
 * @example signaling.on('peers', ({ topic, peers }) => peers.forEach((p) => dial(topic, p)))
 */
export type SignalingPeersEvent = { topic: string; peers: string[] }

/**
 * A peer joined or left a topic.
 *
 * @example signaling.on('peer-left', ({ peerId }) => hangUp(peerId))
 */
export type SignalingPeerEvent = { topic: string; peerId: string }

/**
 * A message relayed from another peer of the topic. `data` is untrusted: validate it.
 *
 * @example signaling.on('signal', ({ from, data }) => handle(from, data))
 */
export type SignalingSignalEvent = { topic: string; from: string; data: unknown }
