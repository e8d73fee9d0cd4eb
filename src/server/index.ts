// Public surface of 'echo-kit/server'. Explicit names keep the package's API reviewable.
export { startSignalingServer } from './startSignalingServer.ts'
export type { SignalingServer, SignalingServerOptions, SignalingStats } from './startSignalingServer.ts'
export {
  parseSignalingMessage,
  classifySignalingFrame,
  PEER_ID_PATTERN,
  SIGNALING_KEY_PATTERN,
  TOPIC_PATTERN,
  helloBytes,
  peerIdForKey,
  DEFAULT_MAX_MESSAGE_BYTES,
} from '../p2p/index.ts'
export type {
  SignalingMessage,
  ClientMessage,
  ServerMessage,
  SignalData,
  SignalingErrorCode,
} from '../p2p/index.ts'
export { startPeer } from './peer/index.ts'
export type { AlwaysOnPeer, PeerOptions } from './peer/index.ts'
