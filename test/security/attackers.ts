import * as A from '@automerge/automerge'
import type { DocHandle, DocumentId } from '@automerge/automerge-repo'
import { MemoryStorageAdapter, type Client, type Space } from '../../src/core.ts'
import { deviceSigner, signCredential, type Credential, type IdentityRecord } from '../../src/core/identity/index.ts'
import { decodeSpaceAddress } from '../../src/core/space/index.ts'
import { networkPeers, type SignalingServer } from '../support/networkPeers.ts'

// Shared parts of the attack tests: honest peers and malicious ones are all real clients over
// the real signaling server (a child process) and node-datachannel WebRTC on 127.0.0.1. A
// malicious client is an ordinary client plus the smallest override of its own checks: it
// writes straight into its own Automerge documents through `client.repo`, skipping the
// engine's local checks; the honest peers run unmodified code.

export type { SignalingServer }

const storages = new WeakMap<Client, MemoryStorageAdapter>()

/**
 * The network of one attack file (see test/support/networkPeers.ts): a real signaling server
 * process for the file's tests; every client made through the returned `peer` (or given to
 * `peer.track`) is closed after each test. Each client keeps its own storage, so an attacker can
 * reach under its own checks (see dropOwnChecks).
 *
 * @example const peer = attackNetwork(); const ada = await peer('ada')
 */
export function attackNetwork(): ((name: string) => Promise<Client>) & { track(client: Client): Client } {
  const net = networkPeers()
  const peer = async (name: string) => {
    const storage = new MemoryStorageAdapter()
    // The name as given (not lowercased): display names in assertions are these names.
    const client = await net.peer(name, { storage, name })
    storages.set(client, storage)
    return client
  }
  return Object.assign(peer, { track: net.track })
}

/** The raw Automerge handles of a space on a client (what a modified client writes through). */
export function rawDocs(client: Client, space: Space): { control: DocHandle<any>; data: DocHandle<any> } {
  const { controlDocId, dataDocId } = decodeSpaceAddress(space.address)
  return {
    control: client.repo.handles[controlDocId as DocumentId] as DocHandle<any>,
    data: client.repo.handles[dataDocId as DocumentId] as DocHandle<any>,
  }
}

/** Writes an object straight into a data document, as the engine would lay it out. */
export function injectObject(data: DocHandle<any>, id: string, value: Record<string, unknown>): void {
  data.change((d: any) => {
    const bucket = id.slice(0, 2)
    if (!d.objects[bucket]) d.objects[bucket] = {}
    d.objects[bucket][id] = { '@id': id, ...value }
  })
}

/** Renames a space bypassing the role check. */
export function injectName(data: DocHandle<any>, name: string): void {
  data.change((d: any) => {
    d.name = new A.ImmutableString(name)
  })
}

/** Waits `ms` (to give a refused write the time it would need to arrive). */
export const settle = (ms = 1500) => new Promise((r) => setTimeout(r, ms))

/** 64 hex chars: an object id the engine would accept. */
export function objectId(seed: string): string {
  return (seed.repeat(64).replace(/[^0-9a-f]/g, 'a') + '0'.repeat(64)).slice(0, 32)
}

/**
 * The smallest override that turns a client into one that serves anything to anyone and
 * takes anything from anyone: its Repo's share policy allows every peer and its transport
 * no longer asks the engine's inbound gate. Its own checks only; peers are unmodified.
 */
export function dropOwnChecks(client: Client): void {
  client.repo.shareConfig = { announce: async () => true, access: async () => true }
  for (const adapter of client.repo.networkSubsystem.adapters) {
    const options = (adapter as unknown as { options?: { inbound?: unknown } }).options
    if (options) delete options.inbound
  }
}

/**
 * A modified client signs whatever it likes with its own device key, which it reads from its
 * own storage (where every client keeps its keys).
 */
export async function signAsSelf(client: Client, fact: Parameters<typeof signCredential>[0], issuedAt?: number): Promise<Credential> {
  const bytes = await storages.get(client)!.load(['echo-kit', 'client'])
  const identity = JSON.parse(new TextDecoder().decode(bytes)).identity as IdentityRecord
  return backdated(issuedAt, () => signCredential(fact, deviceSigner(identity)))
}

/** Signs with the signer's clock set to `issuedAt` (a signer chooses its clock freely). */
export function backdated<T>(issuedAt: number | undefined, sign: () => T): T {
  if (issuedAt === undefined) return sign()
  const now = Date.now
  Date.now = () => issuedAt
  try {
    return sign()
  } finally {
    Date.now = now
  }
}
