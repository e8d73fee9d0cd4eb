// src/core/inspect: read-only diagnostics for devtools. Not exported from src/core/index.ts (so
// not in the `echo-kit` bundle); the `echo-kit/devtools` entry imports it through this door.
export { inspectClient } from './inspectClient.ts'
export type { ClientInspection, CredentialInfo, PeerDiagnostics, SpaceInspection } from './inspectClient.ts'
export type { PeerTrafficEntry } from './PeerTraffic.ts'
export type { InvalidValueNote, LiveQueryInfo } from '../data/index.ts'
export type { RefusalReason, RefusedMessage } from '../network/index.ts'
