// src/testing (package entry `echo-kit/testing`): helpers for apps' own tests: in-process links
// between clients, and an in-memory signaling hub.
export { linkClients } from './linkClients.ts'
export type { ClientLink } from './linkClients.ts'
export { DirectNetworkAdapter } from './DirectNetworkAdapter.ts'
export { MemorySignaling, MemorySignalingHub } from './MemorySignaling.ts'
export type { MemorySignalRecord } from './MemorySignaling.ts'
