// src/core/space: the folder's door; other folders import only from here.
export { Space } from './Space.ts'
export type { ControlDoc, SpaceRecord, SpaceStatus } from './Space.ts'
export { decodeSpaceAddress, encodeSpaceAddress } from './SpaceAddress.ts'
export type { SpaceAddressParts } from './SpaceAddress.ts'
export { SyncMonitor } from './SyncStatus.ts'
export type { SyncState, SyncStatus } from './SyncStatus.ts'
