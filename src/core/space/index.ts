// src/core/space: a space (unit of sharing and access control), its address, its sync status.
export { Space, createSpace } from './Space.ts'
export type { ControlDoc, SpaceContext, SpaceControl, SpaceRecord, SpaceSnapshot, SpaceStatus } from './Space.ts'
export { decodeSpaceAddress, encodeSpaceAddress } from './SpaceAddress.ts'
export type { SpaceAddressParts } from './SpaceAddress.ts'
export { SyncMonitor } from './SyncStatus.ts'
export type { SyncState, SyncStatus } from './SyncStatus.ts'
export { Presence, MAX_PRESENCE_BYTES } from './Presence.ts'
export type { PresencePeer, PresenceSender, PresenceSnapshot, PresenceState, PresenceStats } from './Presence.ts'
