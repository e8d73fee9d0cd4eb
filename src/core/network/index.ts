// src/core/network: the folder's door; other folders import only from here.
export { ClientNetwork } from './ClientNetwork.ts'
export { NetworkMonitor } from './NetworkStatus.ts'
export type { NetworkSnapshot, NetworkState, SignalingState } from './NetworkStatus.ts'
export type { Signaling, SignalingPeerEvent, SignalingPeersEvent, SignalingSignalEvent } from './Signaling.ts'
