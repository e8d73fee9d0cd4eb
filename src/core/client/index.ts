// src/core/client: the Client (one device's engine), its local record, and createClient.
export { Client } from './Client.ts'
export type { ClientOptions, ClientSnapshot, ClientStats, ClientStatus, StorageOption } from './ClientOptions.ts'
export { createClient, provideWiring } from './createClient.ts'
export type { ClientWiring } from './createClient.ts'
export type { OpenSpaceOptions } from './SpaceRegistry.ts'
