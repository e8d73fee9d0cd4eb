import { Repo, type PeerId, type StorageAdapterInterface } from '@automerge/automerge-repo'
import type { NetworkPort } from '../network/index.ts'
import { EchoError, randomId } from '../shared/index.ts'
import { Client } from './Client.ts'
import type { ClientOptions, StorageOption } from './ClientOptions.ts'
import { LocalRecordStore } from './LocalRecord.ts'
import { StoredChunks } from '../space/index.ts'

/**
 * What the engine is wired to: how storage options are opened and which peer-to-peer network
 * implementation to use. The package entries (`echo-kit`, `echo-kit/core`) provide it when
 * imported, so the engine folder itself never imports storage or transport code.
 */
export interface ClientWiring {
  openStorage(option: StorageOption | undefined, name: string): Promise<StorageAdapterInterface>
  network?: NetworkPort
}

/** automerge-repo's save throttle: short, so writes reach storage soon after a task ends. */
const SAVE_DEBOUNCE_MS = 20

let wiring: ClientWiring | undefined

/**
 * Sets the storage and network implementations every `createClient` call uses. Called by the
 * package entries; an app only calls it to swap an implementation.
 *
 * @example provideWiring({ openStorage, network: webrtcNetwork })
 */
export function provideWiring(next: ClientWiring): void {
  wiring = next
}

/**
 * Creates and opens a client: storage first, then identity and spaces from it; networks when
 * given `signaling`.
 *
 * @example
 * const client = await createClient({ storage: { directory: './data' }, signaling: false })
 */
export async function createClient(options: ClientOptions = {}): Promise<Client> {
  const name = options.name ?? 'default'
  if (typeof name !== 'string' || !/^[\w.-]{1,64}$/.test(name)) {
    throw new EchoError('INVALID_VALUE', 'name must be 1-64 chars of letters, digits, _ . -')
  }
  // The Repo's storage, which also knows each document's stored chunk names (WarmStart).
  const storage = new StoredChunks(await openStorage(options.storage, name))
  const record = await LocalRecordStore.load(storage)
  const local = (await wiring?.network?.localAdapters?.(name, options.broadcast)) ?? []
  const repo = new Repo({
    storage,
    network: [...(options.network ?? []), ...local],
    peerId: `echo-${randomId().slice(0, 20)}` as PeerId,
    saveDebounceRate: SAVE_DEBOUNCE_MS,
  })
  return new Client({ ...options, name }, { repo, record, network: wiring?.network, saveDebounceMs: SAVE_DEBOUNCE_MS, storage })
}

async function openStorage(option: StorageOption | undefined, name: string): Promise<StorageAdapterInterface> {
  if (wiring) return wiring.openStorage(option, name)
  if (option && typeof option === 'object' && typeof (option as StorageAdapterInterface).load === 'function') return option as StorageAdapterInterface
  throw new EchoError('STORAGE_FAILED', "no storage is wired: import createClient from 'echo-kit' or 'echo-kit/core', or pass a storage adapter")
}
