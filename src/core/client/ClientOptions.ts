import type { NetworkAdapterInterface, Repo, StorageAdapterInterface } from '@automerge/automerge-repo'
import type { Identity, Device } from '../identity/index.ts'
import type { IceServer, NetworkPort, Signaling } from '../network/index.ts'
import type { EchoError } from '../shared/index.ts'
import type { Space, StoredChunks } from '../space/index.ts'
import type { LocalRecordStore } from './LocalRecord.ts'

/**
 * Where a client keeps its data:
 * - `'indexeddb'`: the browser default (one database per client `name`);
 * - `'memory'`: nothing persists (Node default when no directory is given);
 * - `{ directory }`: files under a directory (Node);
 * - any automerge-repo storage adapter.
 * The engine names the choices; `src/storage` opens them.
 */
export type StorageOption = 'indexeddb' | 'memory' | { directory: string } | StorageAdapterInterface

/** Options of `createClient`. */
export interface ClientOptions {
  /** Where data lives: 'indexeddb' (browser default), 'memory' (Node default), `{ directory }` or an adapter. */
  storage?: StorageOption | undefined
  /** Signaling server URL(s), or a Signaling implementation; `false` = no network. */
  signaling?: string | string[] | false | Signaling | undefined
  /** ICE servers for WebRTC (default: none, host candidates only). */
  iceServers?: IceServer[] | undefined
  /**
   * Sync spaces with peers over WebRTC (default true when `signaling` is set). With false the
   * signaling channel still carries invitations, and sync runs over the `network` adapters only.
   */
  webrtc?: boolean | undefined
  /** Node (node-datachannel) only: local address for ICE candidates (e.g. '127.0.0.1'). */
  bindAddress?: string | undefined
  /**
   * Sync same-origin tabs of the same client `name` over BroadcastChannel (default false). What
   * arrives on that channel is trusted as this device (any same-origin script can post to it),
   * so the app turns it on explicitly.
   */
  broadcast?: boolean | undefined
  /** Namespace: two clients with different names can live in one page. Default 'default'. */
  name?: string | undefined
  /** Extra automerge-repo network adapters (e.g. a MessageChannel pair in tests). */
  network?: NetworkAdapterInterface[] | undefined
}

/** A client's lifecycle. */
export type ClientStatus = 'ready' | 'closed'

/** What a render shows of a client; a new object exactly when one of these changes. */
export interface ClientSnapshot {
  readonly status: ClientStatus
  readonly identity: Identity | null
  readonly spaces: readonly Space[]
  readonly devices: readonly Device[]
}

/** Counters of things refused or failed, for diagnostics and tests. */
export interface ClientStats {
  /** Document requests refused by access control (peers that may not have them). */
  deniedRequests: number
  /** Messages from peers dropped before they were applied (writes their role does not allow, spoofed senders, unverifiable control changes). */
  refusedMessages: number
  /** Background work that failed (a document that could not load, a bad address from a host). */
  backgroundFailures: number
  /** The last background failure, if any. */
  lastFailure?: EchoError | undefined
}

/** The parts a client is assembled from (see `openClient`). */
export interface ClientParts {
  repo: Repo
  record: LocalRecordStore
  network: NetworkPort | undefined
  /** Lets automerge-repo's throttled saves land before close() resolves. */
  saveDebounceMs: number
  /** The Repo's storage (the same object): large spaces save a copy of their read model there (WarmStart). */
  storage?: StoredChunks
}
