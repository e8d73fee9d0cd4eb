// src/p2p: the peer-to-peer network (implements core/network's NetworkPort): signaling client,
// WebRTC adapter, peer connections, chunking, authenticated device sessions.
export { webrtcNetwork } from './webrtcNetwork.ts'
export { deviceSession } from './deviceSession.ts'
export { PeerSession } from './PeerSession.ts'
export type { HandshakeStep, SessionIdentity } from './PeerSession.ts'
export { SignalingClient } from './SignalingClient.ts'
export type { SignalingClientOptions, SignalingStatus } from './SignalingClient.ts'
export { WebRTCNetworkAdapter, helloSession } from './WebRTCNetworkAdapter.ts'
export type { HandshakeChannel, Session, SessionContext, SessionHooks, WebRTCNetworkAdapterOptions, WebRTCNetworkAdapterStats } from './WebRTCNetworkAdapter.ts'
export { DEFAULT_MAX_MESSAGE_BYTES, PEER_ID_PATTERN, TOPIC_PATTERN, classifySignalingFrame, isClientMessage, parseSignalingMessage } from './signalingProtocol.ts'
export type { ClientMessage, ServerMessage, SignalData, SignalingErrorCode, SignalingMessage } from './signalingProtocol.ts'
