// src/p2p: the folder's door; other folders import only from here.
export type { VerifiedPeer } from './PeerSession.ts'
export { SignalingClient } from './SignalingClient.ts'
export { WebRTCNetworkAdapter } from './WebRTCNetworkAdapter.ts'
export { deviceSession } from './deviceSession.ts'
export { DEFAULT_MAX_MESSAGE_BYTES, PEER_ID_PATTERN, TOPIC_PATTERN, classifySignalingFrame, isClientMessage, parseSignalingMessage } from './signalingProtocol.ts'
export type { ClientMessage, ServerMessage, SignalData, SignalingErrorCode, SignalingMessage } from './signalingProtocol.ts'
