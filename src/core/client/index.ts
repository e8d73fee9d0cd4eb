// src/core/client: the folder's door; other folders import only from here.
export { Client, createClient } from './Client.ts'
export type { ClientOptions, ClientStatus } from './Client.ts'
