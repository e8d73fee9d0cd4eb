// src/core/network: the port the engine owns for peer-to-peer transports, access control on
// what is shared, signaling and network status.
export { AccessPolicy } from './AccessPolicy.ts'
export type { AccessContext, SharedSpace } from './AccessPolicy.ts'
export { ClientNetwork } from './ClientNetwork.ts'
export type { ClientNetworkOptions } from './ClientNetwork.ts'
export { InboundGate } from './InboundGate.ts'
export type { InboundContext, SpaceDocument } from './InboundGate.ts'
export type { DeviceProof, IceServer, InboundFilter, InboundMessage, NetworkPort, PeerTransport, SignalingConnection, SignalingConnectionState, TransportOptions, VerifiedPeer } from './NetworkPort.ts'
export { NetworkMonitor } from './NetworkStatus.ts'
export { SyncPush } from './SyncPush.ts'
export type { NetworkSnapshot, NetworkState, SignalingState } from './NetworkStatus.ts'
export type { Signaling, SignalingPeerEvent, SignalingPeersEvent, SignalingSignalEvent } from './Signaling.ts'
export { haloTopic, spaceTopic } from './topics.ts'
