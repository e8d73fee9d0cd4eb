import * as A from '@automerge/automerge'
import type { DocHandle, DocumentId, Repo } from '@automerge/automerge-repo'
import nacl from 'tweetnacl'
import type { DataDoc } from '../data/index.ts'
import { signCredential, type Halo, type Revocations } from '../identity/index.ts'
import type { Signaling } from '../network/index.ts'
import { EchoError, randomBytes, toHex } from '../shared/index.ts'
import { createSpace, decodeSpaceAddress, type ControlDoc, type PresenceSender, type Space, type SpaceControl, type SpaceRecord, type StoredChunks } from '../space/index.ts'
import { findDocument } from './findDocument.ts'
import type { LocalRecordStore } from './LocalRecord.ts'

/** What the registry works with. */
export interface SpaceRegistryContext {
  repo: Repo
  record: LocalRecordStore
  revocations: Revocations
  signaling(): Signaling
  /** The identity's HALO once loaded: it lists the identity's spaces for its other devices. */
  halo(): Halo | undefined
  /** Aborts when the client closes (documents still being fetched stop waiting). */
  closed: AbortSignal
  /** The list of spaces, or a space's members or status, changed. */
  changed(): void
  /** Something failed in the background (counted in `client.stats()`). */
  failed(error: unknown): void
  /** Who sent a message the Repo delivered (for presence): a session's proven device, or 'local'. */
  sender?(peerId: string): PresenceSender
  /** The client's storage: large spaces save a copy of their read model there (WarmStart). */
  storage?: StoredChunks
}

/** Options of {@link SpaceRegistry.open}. */
export interface OpenSpaceOptions {
  /** Resolve after this many ms even if the space is still loading. Default 15 s. */
  timeout?: number
  /** Mark it as the identity's personal space (when its id is the personal one). */
  personal?: boolean
}

/**
 * The spaces a client has: creating them (genesis signed by a throw-away space key), opening
 * them from an address, mounting them from the local record at start, leaving them. Holds each
 * space's owner controls.
 *
 * @example const space = await registry.create('Board', false)
 */
export class SpaceRegistry {
  readonly #context: SpaceRegistryContext
  readonly #controls = new Map<string, SpaceControl>()
  #list: readonly Space[] = []

  constructor(context: SpaceRegistryContext) {
    this.#context = context
  }

  /** Spaces in the order they were added; same array until the list changes. */
  get list(): readonly Space[] {
    return this.#list
  }

  /** Owner controls of every space (network topics and access control read them). */
  controls(): Iterable<SpaceControl> {
    return this.#controls.values()
  }

  get(id: string): Space | undefined {
    return this.#controls.get(id)?.space
  }

  /** Mounts every space named in the local record. */
  mountAll(): void {
    for (const record of this.#context.record.value.spaces) this.#mount(record)
  }

  /** Creates a space owned by this identity. */
  async create(name: string, personal: boolean): Promise<Space> {
    const { repo, record } = this.#context
    const identity = record.value.identity
    if (!identity) throw new EchoError('NO_IDENTITY', 'create an identity first: await client.createIdentity({ displayName })')
    // The space key signs genesis and is then forgotten: nobody can forge a second genesis.
    const spaceKeys = nacl.sign.keyPair()
    const spaceId = toHex(spaceKeys.publicKey)
    const genesis = signCredential(
      { kind: 'space-genesis', spaceId, subject: identity.identityKey, role: 'owner', displayName: identity.displayName },
      { publicKey: spaceId, secretKey: spaceKeys.secretKey, issuer: spaceId },
    )
    spaceKeys.secretKey.fill(0)
    const control = repo.create<ControlDoc>({
      spaceId: new A.ImmutableString(spaceId),
      credentials: { [genesis.id]: new A.ImmutableString(JSON.stringify(genesis)) },
    })
    const buckets: Record<string, Record<string, never>> = {}
    for (let i = 0; i < 256; i++) buckets[i.toString(16).padStart(2, '0')] = {}
    const data = repo.create<DataDoc>({ name: new A.ImmutableString(name), objects: buckets })
    const spaceRecord: SpaceRecord = {
      id: spaceId,
      controlDocId: control.documentId,
      dataDocId: data.documentId,
      secret: toHex(randomBytes(32)),
      ...(personal ? { personal: true } : {}),
    }
    const saved = record.update((r) => ({ ...r, spaces: [...r.spaces, spaceRecord] }))
    const space = this.#mount(spaceRecord, control, data)
    this.#context.halo()?.addSpace(spaceRecord.id, space.address)
    await saved
    const halo = this.#context.halo()
    await repo.flush([control.documentId, data.documentId, ...(halo ? [halo.documentId as DocumentId] : [])])
    return space
  }

  /**
   * Opens a space from its address and syncs it from peers; resolves when its documents have
   * arrived or after `timeout` ms with the space still loading (it keeps syncing).
   */
  async open(address: string, { timeout = 15_000, personal = false }: OpenSpaceOptions = {}): Promise<Space> {
    const parts = decodeSpaceAddress(address)
    const existing = this.get(parts.spaceId)
    if (existing) return existing
    const { record } = this.#context
    const personalId = record.value.identity?.personalSpaceId ?? record.value.spaces.find((s) => s.personal)?.id
    const spaceRecord: SpaceRecord = {
      id: parts.spaceId,
      controlDocId: parts.controlDocId,
      dataDocId: parts.dataDocId,
      secret: parts.secret,
      // The identity's personal space, opened on another of its devices.
      ...(personal && parts.spaceId === personalId ? { personal: true } : {}),
    }
    await record.update((r) => ({ ...r, spaces: [...r.spaces, spaceRecord] }))
    const space = this.#mount(spaceRecord)
    this.#context.halo()?.addSpace(spaceRecord.id, space.address)
    let timer: ReturnType<typeof setTimeout> | undefined
    await Promise.race([space.whenReady(), new Promise<void>((r) => (timer = setTimeout(r, timeout)))])
    clearTimeout(timer)
    return space
  }

  /** Removes a space from this client and deletes its local copy. */
  async leave(space: Space): Promise<void> {
    const control = this.#controls.get(space.id)
    if (!control) return
    control.close()
    await control.removeWarm().catch(this.#context.failed)
    this.#controls.delete(space.id)
    this.#list = this.#list.filter((s) => s !== space)
    this.#context.halo()?.removeSpace(space.id)
    await this.#context.record.update((r) => ({ ...r, spaces: r.spaces.filter((s) => s.id !== space.id) }))
    for (const id of [control.documentIds.control, control.documentIds.data]) {
      // automerge-repo resets a deleted handle to an empty document, which fires its throttled
      // save after storage removed the files (an unhandled ENOENT in Node, a stray snapshot
      // elsewhere). The handle is going away: detach that save listener before deleting.
      this.#context.repo.handles[id]?.removeAllListeners('heads-changed')
      this.#context.repo.delete(id)
    }
    this.#context.changed()
  }

  /** Commits pending object writes of every space. */
  commitAll(): void {
    for (const control of this.#controls.values()) control.commit()
  }

  /**
   * Before the client closes: waits until every space that opened from a saved read model has
   * bound its document (writes made meanwhile are committed then), so none is lost.
   */
  async whenBound(): Promise<void> {
    await Promise.all([...this.#controls.values()].map((c) => c.whenBound()))
  }

  /** Saves each large space's read model for a fast next start (see WarmStart). */
  async saveWarm(): Promise<void> {
    await Promise.all([...this.#controls.values()].map((c) => c.saveWarm().catch(this.#context.failed)))
  }

  /** Closes every space (the client is closing). */
  closeAll(): void {
    for (const control of this.#controls.values()) control.close()
  }

  #mount(record: SpaceRecord, control?: DocHandle<ControlDoc>, data?: DocHandle<DataDoc>): Space {
    const { repo, closed } = this.#context
    const handle = createSpace(record, {
      repo,
      signaling: this.#context.signaling,
      identity: () => this.#context.record.value.identity,
      revocations: this.#context.revocations,
      leave: (space) => this.leave(space),
      sender: this.#context.sender,
      storage: this.#context.storage,
      failed: this.#context.failed,
    })
    this.#controls.set(record.id, handle)
    this.#list = [...this.#list, handle.space]
    // Membership or status changes change who may sync this space's documents.
    handle.space.subscribe(this.#context.changed)
    if (control && data) handle.attach(control, data)
    else void this.#load(record, handle).catch(this.#context.failed)
    this.#context.changed()
    return handle.space
  }

  /**
   * Loads a mounted space from storage. A large space answers its first queries from its saved
   * read model (WarmStart); its document's load (seconds of CPU for a large space) starts only
   * after: started together, that CPU work would hold up the copy's reads and the first query.
   */
  async #load(record: SpaceRecord, handle: SpaceControl): Promise<void> {
    const { repo, closed } = this.#context
    const mounted = () => this.#controls.get(record.id) === handle
    const controlDoc = findDocument<ControlDoc>(repo, record.controlDocId, closed)
    const snapshot = await handle.loadWarm().catch((error: unknown) => {
      // No copy then: the document loads as it would without one.
      this.#context.failed(error)
      return undefined
    })
    if (snapshot) {
      const c = await controlDoc
      if (c && mounted()) handle.warm(c, snapshot)
      await new Promise((r) => setTimeout(r, 0))
    }
    if (!mounted()) return
    const [c, d] = await Promise.all([controlDoc, findDocument<DataDoc>(repo, record.dataDocId, closed)])
    if (c && d && mounted()) handle.attach(c, d)
  }
}
