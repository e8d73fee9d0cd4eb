// src/server/peer: the always-on peer (`startPeer`, `echo-kit-peer`).
export { startPeer } from './startPeer.ts'
export type { AlwaysOnPeer, PeerOptions } from './startPeer.ts'
export { peerMetrics } from './peerMetrics.ts'
export { runPeerCli, parsePeerArgs } from './peerCli.ts'
