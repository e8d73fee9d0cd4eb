// Package entry `echo-kit/devtools`: the in-app devtools panel. Beside src/ui (devtools -> react
// -> core); nothing else imports it, so `echo-kit` never carries it. The panel's code is a chunk
// of its own, loaded on first open. The read-only diagnostics it shows are exported too.
export { EchoDevtools } from './EchoDevtools.tsx'
export type { EchoDevtoolsProps } from './EchoDevtools.tsx'
export type { DevtoolsTab } from './DevtoolsTab.ts'
export { inspectClient } from '../core/inspect/index.ts'
export type { ClientInspection, CredentialInfo, InvalidValueNote, LiveQueryInfo, PeerDiagnostics, RefusalReason, RefusedMessage, SpaceInspection } from '../core/inspect/index.ts'
