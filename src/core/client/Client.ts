import * as A from '@automerge/automerge'
import { Repo, type DocHandle, type DocumentId, type NetworkAdapterInterface, type PeerId, type StorageAdapterInterface } from '@automerge/automerge-repo'
import nacl from 'tweetnacl'
import { openStorage, type StorageOption } from '../../storage/index.ts'
import type { Signaling } from '../network/index.ts'
import { SignalingClient } from '../../p2p/index.ts'
import { parseCredential, signCredential, verifySignature, type Credential } from '../identity/index.ts'
import { EchoError } from '../shared/index.ts'
import { fromHex, fromUtf8, toHex, utf8 } from '../shared/index.ts'
import { Halo, type Device, type HaloDoc } from '../identity/index.ts'
import { generateIdentity, type Identity, type IdentityRecord } from '../identity/index.ts'
import { Invitation, type GuestInfo, type InvitationOptions } from '../invitations/index.ts'
import type { InvitationKind } from '../invitations/index.ts'
import { Joining, type JoinOptions } from '../invitations/index.ts'
import { randomBytes, randomId } from '../shared/index.ts'
import { ClientNetwork } from '../network/index.ts'
import { NetworkMonitor } from '../network/index.ts'
import { Space, type ControlDoc, type SpaceRecord } from '../space/index.ts'
import { decodeSpaceAddress } from '../space/index.ts'
import type { DataDoc } from '../data/index.ts'

/** Options of {@link createClient}. */
export interface ClientOptions {
  /** Where data lives: 'indexeddb' (browser default), 'memory' (Node default), `{ directory }` or an adapter. */
  storage?: StorageOption
  /** Signaling server URL(s), or a Signaling implementation; `false` = no network. */
  signaling?: string | string[] | false | Signaling
  /** ICE servers for WebRTC (default: none, host candidates only). */
  iceServers?: RTCIceServer[]
  /**
   * Sync spaces with peers over WebRTC (default true when `signaling` is set). With false the
   * signaling channel still carries invitations, and sync runs over the `network` adapters only.
   */
  webrtc?: boolean
  /** Node (node-datachannel) only: local address for ICE candidates (e.g. '127.0.0.1'). */
  bindAddress?: string
  /** Sync same-origin tabs of the same client `name` over BroadcastChannel (browser default: true). */
  broadcast?: boolean
  /** Namespace: two clients with different names can live in one page. Default 'default'. */
  name?: string
  /** Extra automerge-repo network adapters (e.g. a MessageChannel pair in tests). */
  network?: NetworkAdapterInterface[]
}

/** A client's lifecycle. */
export type ClientStatus = 'ready' | 'closed'

interface LocalRecord {
  version: 1
  identity?: IdentityRecord
  spaces: SpaceRecord[]
}

const LOCAL_KEY = ['echo-kit', 'client']
const SAVE_DEBOUNCE_MS = 20

/**
 * The engine: identity, spaces, objects and replication for one device. Framework-agnostic.
 *
 * @example
 * const client = await createClient({ storage: 'indexeddb' })
 * if (!client.identity) await client.createIdentity({ displayName: 'Ada' })
 * const space = await client.createSpace({ name: 'Tasks' })
 */
export class Client {
  /** The automerge-repo Repo underneath (advanced use). */
  readonly repo: Repo
  /** Namespace of this client. */
  readonly name: string
  /** Options the client was created with. */
  readonly options: Readonly<ClientOptions>
  /** Live network status (`subscribe` + `getSnapshot`). */
  readonly network: NetworkMonitor
  readonly #storage: StorageAdapterInterface
  #record: LocalRecord
  #identity: Identity | null = null
  #spaces = new Map<string, Space>()
  #spaceList: readonly Space[] = []
  #devices: readonly Device[] = []
  #halo: Halo | undefined
  #signalingImpl: Signaling | undefined
  #pendingDevice: { deviceKey: string; deviceSecretKey: string } | undefined
  #createSignaling: (() => Signaling) | undefined
  #network: ClientNetwork | undefined
  #status: ClientStatus = 'ready'
  #listeners = new Set<() => void>()
  #saving: Promise<void> = Promise.resolve()

  /** @internal Use {@link createClient}. */
  constructor(repo: Repo, storage: StorageAdapterInterface, record: LocalRecord, options: ClientOptions) {
    this.repo = repo
    this.#storage = storage
    this.#record = record
    this.options = options
    this.name = options.name ?? 'default'
    this.network = new NetworkMonitor(repo, options.signaling ? 'connecting' : 'disabled')
    this.#setIdentity(record.identity)
  }

  /** 'ready', or 'closed' after {@link Client.close}. */
  get status(): ClientStatus {
    return this.#status
  }

  /** This client's identity, or null before {@link Client.createIdentity}. Same object until it changes. */
  get identity(): Identity | null {
    return this.#identity
  }

  /** Spaces this client has, in the order they were added. Same array until the list changes. */
  get spaces(): readonly Space[] {
    return this.#spaceList
  }

  /** Devices of this identity (this one first). */
  get devices(): readonly Device[] {
    return this.#devices
  }

  /** True on the device that holds the identity key: it may invite and revoke devices. */
  get canManageDevices(): boolean {
    return !!this.#record.identity?.identitySecretKey
  }

  /** The identity's personal space (created with the identity). */
  get defaultSpace(): Space | undefined {
    return this.#spaceList.find((s) => s.personal)
  }

  /**
   * Listens to client-level changes: identity, space list, status. Returns the unsubscribe.
   *
   * @example const stop = client.subscribe(() => console.log(client.spaces.length))
   */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /**
   * Creates this device's identity (identity key + device key) and its personal space.
   * Throws `IDENTITY_EXISTS` when there is one already.
   *
   * @example const me = await client.createIdentity({ displayName: 'Ada' })
   */
  async createIdentity({ displayName }: { displayName: string }): Promise<Identity> {
    this.#assertOpen()
    if (this.#record.identity) throw new EchoError('IDENTITY_EXISTS', 'this client already has an identity')
    if (typeof displayName !== 'string' || !displayName.trim() || displayName.length > 200) {
      throw new EchoError('INVALID_VALUE', 'displayName must be a non-empty string of at most 200 chars')
    }
    const identity = generateIdentity(displayName.trim())
    const halo = this.repo.create<HaloDoc>({
      identityKey: new A.ImmutableString(identity.identityKey),
      devices: { [identity.deviceKey]: new A.ImmutableString(JSON.stringify(identity.deviceCredential)) },
      revocations: {},
      spaces: {},
    })
    identity.haloDocId = halo.documentId
    this.#record = { ...this.#record, identity }
    this.#setIdentity(identity)
    this.#attachHalo(halo)
    await this.#save()
    const personal = await this.#createSpace('Personal', true)
    this.#record = { ...this.#record, identity: { ...this.#record.identity!, personalSpaceId: personal.id } }
    await this.#save()
    this.#emit()
    return this.#identity!
  }

  /**
   * Creates a space owned by this identity.
   *
   * @example const space = await client.createSpace({ name: 'Team board' })
   */
  async createSpace({ name = '' }: { name?: string } = {}): Promise<Space> {
    this.#assertOpen()
    if (typeof name !== 'string') throw new EchoError('INVALID_VALUE', 'a space name must be a string')
    return this.#createSpace(name, false)
  }

  /**
   * The space with this id, or undefined.
   *
   * @example const space = client.getSpace(id)
   */
  getSpace(id: string): Space | undefined {
    return this.#spaces.get(id)
  }

  /**
   * Opens a space from its address (see `space.address`) and syncs it from peers. Resolves when
   * its documents have arrived, or after `timeout` ms with the space still `loading` (it keeps
   * syncing in the background). Throws `INVALID_ADDRESS` for a malformed address.
   *
   * @example const space = await client.openSpace(address)
   */
  async openSpace(address: string, { timeout = 15_000, personal = false }: { timeout?: number; personal?: boolean } = {}): Promise<Space> {
    this.#assertOpen()
    const parts = decodeSpaceAddress(address)
    const existing = this.#spaces.get(parts.spaceId)
    if (existing) return existing
    const record: SpaceRecord = {
      id: parts.spaceId,
      controlDocId: parts.controlDocId,
      dataDocId: parts.dataDocId,
      secret: parts.secret,
      // The identity's personal space, opened on another of its devices.
      ...(personal && parts.spaceId === this.#personalSpaceId() ? { personal: true } : {}),
    }
    this.#record = { ...this.#record, spaces: [...this.#record.spaces, record] }
    await this.#save()
    const space = this.#mount(record)
    this.#halo?.addSpace(record.id, space.address)
    let timer: ReturnType<typeof setTimeout> | undefined
    await Promise.race([space.whenReady(), new Promise<void>((r) => (timer = setTimeout(r, timeout)))])
    clearTimeout(timer)
    return space
  }

  /** Adds a network adapter to this client's Repo (e.g. to link two clients in-process). */
  addNetworkAdapter(adapter: NetworkAdapterInterface): void {
    this.#assertOpen()
    this.repo.networkSubsystem.addNetworkAdapter(adapter)
  }

  /** Removes a network adapter added with {@link Client.addNetworkAdapter}. */
  removeNetworkAdapter(adapter: NetworkAdapterInterface): void {
    if (this.#status === 'closed') return
    this.repo.networkSubsystem.removeNetworkAdapter(adapter)
  }

  /**
   * Commits pending writes of every space and closes storage and network. Using the client
   * afterwards throws `CLOSED`.
   *
   * @example await client.close()
   */
  async close(): Promise<void> {
    if (this.#status === 'closed') return
    for (const space of this.#spaces.values()) space.commit()
    try {
      await this.#saving
      const ready = Object.values(this.repo.handles).filter((h) => h.isReady()).map((h) => h.documentId)
      await this.repo.flush(ready)
      // automerge-repo's throttled saves run on timers that flush() does not cancel: let them
      // land while storage is still ours, so nothing writes after close() resolves.
      await new Promise((r) => setTimeout(r, SAVE_DEBOUNCE_MS * 3))
      await this.repo.flush(Object.values(this.repo.handles).filter((h) => h.isReady()).map((h) => h.documentId))
    } finally {
      for (const space of this.#spaces.values()) space.close()
      this.#halo?.close()
      this.#network?.close()
      this.#status = 'closed'
      if (this.#signalingImpl && !this.#network && typeof (this.#signalingImpl as { close?: () => void }).close === 'function' && (typeof this.options.signaling === 'string' || Array.isArray(this.options.signaling))) {
        ;(this.#signalingImpl as unknown as { close: () => void }).close()
      }
      await this.repo.shutdown().catch(() => {})
      this.#emit()
    }
  }

  /**
   * Invites another device of this identity (same flow as a space invitation). The new device
   * then sees and syncs all the identity's spaces.
   *
   * @example
   * const invitation = client.createDeviceInvitation()
   * showQr(invitation.code)
   */
  createDeviceInvitation(options: InvitationOptions = {}): Invitation {
    this.#assertOpen()
    const identity = this.#record.identity
    if (!identity) throw new EchoError('NO_IDENTITY', 'create an identity first: await client.createIdentity({ displayName })')
    if (!identity.identitySecretKey) {
      throw new EchoError('FORBIDDEN', 'only the device that created the identity can invite devices')
    }
    return new Invitation('device', { signaling: () => this.signaling(), admit: (guest) => this.#admitDevice(guest) }, options)
  }

  /**
   * Joins with an invitation code (or a link ending in `#join=CODE`): a space invitation needs
   * an identity, a device invitation needs a client without one. Throws `INVALID_INVITATION`
   * or `INVITATION_EXPIRED` for a bad code before anything connects.
   *
   * @example
   * const joining = client.join(code)
   * await joining.authenticate('123456')
   */
  join(code: string, options: JoinOptions = {}): Joining {
    this.#assertOpen()
    return new Joining(
      code,
      {
        signaling: () => this.signaling(),
        guestInfo: (kind) => this.#guestInfo(kind),
        complete: (kind, result) => this.#completeJoin(kind, result),
      },
      options,
    )
  }

  /**
   * Revokes a device of this identity: every peer refuses it from then on.
   *
   * @example await client.revokeDevice(lostPhoneKey)
   */
  async revokeDevice(deviceKey: string): Promise<void> {
    this.#assertOpen()
    const identity = this.#record.identity
    if (!identity) throw new EchoError('NO_IDENTITY', 'create an identity first')
    if (!identity.identitySecretKey) throw new EchoError('FORBIDDEN', 'only the device that created the identity can revoke devices')
    if (deviceKey === identity.deviceKey) throw new EchoError('INVALID_VALUE', 'a device cannot revoke itself')
    if (!this.#devices.some((d) => d.deviceKey === deviceKey)) throw new EchoError('NOT_FOUND', `no device ${String(deviceKey).slice(0, 8)}… in this identity`)
    const signer = { publicKey: identity.identityKey, secretKey: fromHex(identity.identitySecretKey)!, issuer: identity.identityKey }
    this.#halo?.addRevocation(signCredential({ kind: 'device-revoked', subject: deviceKey, identityKey: identity.identityKey }, signer))
    // Every space learns it too, so peers that never see our HALO refuse the device as well.
    for (const space of this.#spaces.values()) {
      if (space.status !== 'ready') continue
      space.addCredential(signCredential({ kind: 'device-revoked', spaceId: space.id, subject: deviceKey, identityKey: identity.identityKey }, signer))
    }
    await this.#flushAll()
    this.#emit()
  }

  /** Device keys known to be revoked (from the HALO and every space); never forgotten. */
  isRevoked(deviceKey: string): boolean {
    if (this.#halo?.revoked.has(deviceKey)) return true
    for (const space of this.#spaces.values()) if (space.revokedDevices.has(deviceKey)) return true
    return false
  }

  /**
   * @internal The signaling channel (created on first use from `options.signaling`).
   * Throws `NETWORK_FAILED` when networking is disabled.
   */
  signaling(): Signaling {
    this.#assertOpen()
    if (this.#signalingImpl) return this.#signalingImpl
    if (this.#network) return (this.#signalingImpl = this.#network.signaling)
    const option = this.options.signaling
    if (option && typeof option === 'object' && !Array.isArray(option)) {
      this.#signalingImpl = option as Signaling
      return this.#signalingImpl
    }
    if (this.#createSignaling) return (this.#signalingImpl = this.#createSignaling())
    if (typeof option === 'string' || Array.isArray(option)) {
      // Signaling for invitations only (webrtc: false).
      const client = new SignalingClient({ urls: option, peerId: `s${randomId().slice(0, 24)}` })
      client.connect()
      return (this.#signalingImpl = client)
    }
    throw new EchoError('NETWORK_FAILED', 'networking is off: create the client with a signaling URL')
  }

  /** @internal Set by the network layer: how to make the signaling client. */
  setSignalingFactory(factory: () => Signaling): void {
    this.#createSignaling = factory
  }

  /** @internal Persisted identity (secret keys included), for the network and invitation layers. */
  identityRecord(): IdentityRecord | undefined {
    return this.#record.identity
  }

  // ---- private --------------------------------------------------------------------------

  /** @internal Loads the spaces named in the local record. */
  mountAll(): void {
    for (const record of this.#record.spaces) this.#mount(record)
    const haloId = this.#record.identity?.haloDocId
    if (haloId) {
      void this.#find<HaloDoc>(haloId).then((h) => h && this.#attachHalo(h))
    }
  }

  async #createSpace(name: string, personal: boolean): Promise<Space> {
    const identity = this.#record.identity
    if (!identity) throw new EchoError('NO_IDENTITY', 'create an identity first: await client.createIdentity({ displayName })')
    // The space key signs genesis and is then forgotten: nobody can forge a second genesis.
    const spaceKeys = nacl.sign.keyPair()
    const spaceId = toHex(spaceKeys.publicKey)
    const genesis = signCredential(
      { kind: 'space-genesis', spaceId, subject: identity.identityKey, role: 'owner', displayName: identity.displayName },
      { publicKey: spaceId, secretKey: spaceKeys.secretKey, issuer: spaceId },
    )
    spaceKeys.secretKey.fill(0)
    const control = this.repo.create<ControlDoc>({
      spaceId: new A.ImmutableString(spaceId),
      credentials: { [genesis.id]: new A.ImmutableString(JSON.stringify(genesis)) },
    })
    const buckets: Record<string, Record<string, never>> = {}
    for (let i = 0; i < 256; i++) buckets[i.toString(16).padStart(2, '0')] = {}
    const data = this.repo.create<DataDoc>({ name: new A.ImmutableString(name), objects: buckets })
    const record: SpaceRecord = {
      id: spaceId,
      controlDocId: control.documentId,
      dataDocId: data.documentId,
      secret: toHex(randomBytes(32)),
      ...(personal ? { personal: true } : {}),
    }
    this.#record = { ...this.#record, spaces: [...this.#record.spaces, record] }
    const space = this.#mount(record, control, data)
    this.#halo?.addSpace(record.id, space.address)
    await this.#save()
    await this.repo.flush([control.documentId, data.documentId, ...(this.#halo ? [this.#halo.documentId as DocumentId] : [])])
    return space
  }

  #mount(record: SpaceRecord, control?: DocHandle<ControlDoc>, data?: DocHandle<DataDoc>): Space {
    const space = new Space(record, {
      repo: this.repo,
      signaling: () => this.signaling(),
      identityRecord: () => this.#record.identity,
      forget: (s) => this.#forget(s),
    })
    this.#spaces.set(record.id, space)
    this.#spaceList = [...this.#spaces.values()]
    // Membership or status changes change who may sync this space's documents.
    space.subscribe(() => this.#network?.update())
    if (control && data) space.attach(control, data)
    else {
      void Promise.all([this.#find<ControlDoc>(record.controlDocId), this.#find<DataDoc>(record.dataDocId)])
        .then(([c, d]) => {
          if (c && d && this.#spaces.get(record.id) === space) space.attach(c, d)
        })
        .catch(() => {})
    }
    this.#emit()
    return space
  }

  async #find<T>(id: string): Promise<DocHandle<T> | undefined> {
    // findWithProgress hands back the handle at once; it becomes ready from storage or a peer,
    // also when the first attempt found it unavailable.
    const progress = this.repo.findWithProgress<T>(id as DocumentId)
    const handle = progress.handle
    while (this.#status === 'ready') {
      if (handle.isReady()) return handle
      try {
        await handle.whenReady(['ready'], { signal: AbortSignal.timeout(1000) } as never)
      } catch {
        // keep waiting while the client is open
      }
    }
    return undefined
  }

  async #forget(space: Space): Promise<void> {
    space.close()
    this.#spaces.delete(space.id)
    this.#spaceList = [...this.#spaces.values()]
    this.#record = { ...this.#record, spaces: this.#record.spaces.filter((s) => s.id !== space.id) }
    this.#halo?.removeSpace(space.id)
    await this.#save()
    const { control, data } = space.documentIds
    try {
      this.repo.delete(control)
      this.repo.delete(data)
    } catch {
      // already gone
    }
    this.#emit()
  }

  async #admitDevice(guest: GuestInfo): Promise<Record<string, unknown>> {
    const identity = this.#record.identity!
    const signer = { publicKey: identity.identityKey, secretKey: fromHex(identity.identitySecretKey!)!, issuer: identity.identityKey }
    const credential = signCredential({ kind: 'device', subject: guest.deviceKey, identityKey: identity.identityKey, displayName: guest.displayName }, signer)
    this.#halo?.addDevice(credential)
    await this.#flushAll()
    return {
      identityKey: identity.identityKey,
      displayName: identity.displayName,
      deviceCredential: credential,
      haloDocId: identity.haloDocId,
      personalSpaceId: this.defaultSpace?.id,
      spaces: [...this.#spaces.values()].map((s) => s.address),
    }
  }

  #guestInfo(kind: InvitationKind): Record<string, unknown> {
    const identity = this.#record.identity
    if (kind === 'device') {
      if (identity) throw new EchoError('IDENTITY_EXISTS', 'this client already has an identity; a device invitation is for a new device')
      const keys = nacl.sign.keyPair()
      this.#pendingDevice = { deviceKey: toHex(keys.publicKey), deviceSecretKey: toHex(keys.secretKey) }
      return { deviceKey: this.#pendingDevice.deviceKey, displayName: this.name }
    }
    if (!identity) throw new EchoError('NO_IDENTITY', 'create an identity before joining a space')
    return { identityKey: identity.identityKey, deviceKey: identity.deviceKey, displayName: identity.displayName, deviceCredential: identity.deviceCredential }
  }

  async #completeJoin(kind: InvitationKind, result: Record<string, unknown>): Promise<Space | undefined> {
    if (kind === 'space') {
      if (typeof result.address !== 'string') throw new EchoError('INVALID_INVITATION', 'the host sent no space address')
      // Success does not wait for the whole space: it keeps syncing (space.status tells).
      return this.openSpace(result.address, { timeout: 3_000 })
    }
    const pending = this.#pendingDevice
    const credential: Credential | null = parseCredential(result.deviceCredential)
    const identityKey = result.identityKey
    if (
      !pending ||
      !credential ||
      typeof identityKey !== 'string' ||
      credential.kind !== 'device' ||
      credential.subject !== pending.deviceKey ||
      credential.identityKey !== identityKey ||
      credential.issuer !== identityKey ||
      credential.signer !== identityKey ||
      !verifySignature(credential)
    ) {
      throw new EchoError('INVALID_INVITATION', 'the host sent a device credential that does not verify')
    }
    const haloDocId = typeof result.haloDocId === 'string' ? result.haloDocId : undefined
    const identity: IdentityRecord = {
      identityKey,
      deviceKey: pending.deviceKey,
      deviceSecretKey: pending.deviceSecretKey,
      displayName: typeof result.displayName === 'string' ? result.displayName.slice(0, 200) : 'Me',
      deviceCredential: credential,
      ...(haloDocId ? { haloDocId } : {}),
      ...(typeof result.personalSpaceId === 'string' && /^[0-9a-f]{64}$/.test(result.personalSpaceId) ? { personalSpaceId: result.personalSpaceId } : {}),
    }
    this.#pendingDevice = undefined
    this.#record = { ...this.#record, identity }
    this.#setIdentity(identity)
    await this.#save()
    this.#emit()
    if (haloDocId) void this.#find<HaloDoc>(haloDocId).then((h) => h && this.#attachHalo(h))
    const addresses = Array.isArray(result.spaces) ? result.spaces.filter((a): a is string => typeof a === 'string') : []
    for (const address of addresses) {
      try {
        await this.openSpace(address, { timeout: 0, personal: true })
      } catch {
        // a malformed address from the host is skipped
      }
    }
    return undefined
  }

  #personalSpaceId(): string | undefined {
    return this.#record.identity?.personalSpaceId ?? this.#record.spaces.find((s) => s.personal)?.id
  }

  async #flushAll(): Promise<void> {
    for (const space of this.#spaces.values()) space.commit()
    const ready = Object.values(this.repo.handles).filter((h) => h.isReady()).map((h) => h.documentId)
    await this.repo.flush(ready)
  }

  #setIdentity(record: IdentityRecord | undefined): void {
    this.#identity = record
      ? Object.freeze({ identityKey: record.identityKey, deviceKey: record.deviceKey, displayName: record.displayName })
      : null
    this.#devices = this.#halo?.devices ?? (record ? Object.freeze([Object.freeze({ deviceKey: record.deviceKey, current: true })]) : [])
  }

  #attachHalo(handle: DocHandle<HaloDoc>): void {
    const identity = this.#record.identity
    if (!identity || this.#halo || this.#status === 'closed') return
    const halo = new Halo(handle, identity.identityKey, identity.deviceKey)
    this.#halo = halo
    const sync = () => {
      this.#devices = halo.devices
      // Spaces other devices of this identity have: open them here too.
      for (const [id, address] of Object.entries(halo.spaces)) {
        if (!this.#spaces.has(id)) void this.openSpace(address, { timeout: 0, personal: true }).catch(() => {})
      }
      for (const space of this.#spaces.values()) if (!(space.id in halo.spaces) && space.status === 'ready') halo.addSpace(space.id, space.address)
      this.#emit()
    }
    halo.subscribe(sync)
    sync()
  }

  async #save(): Promise<void> {
    const bytes = utf8(JSON.stringify(this.#record))
    const run = this.#saving.then(() => this.#storage.save(LOCAL_KEY, bytes))
    this.#saving = run.catch(() => {})
    try {
      await run
    } catch (error) {
      throw new EchoError('STORAGE_FAILED', `could not save client state: ${(error as Error)?.message}`, { cause: error })
    }
  }

  #assertOpen(): void {
    if (this.#status === 'closed') throw new EchoError('CLOSED', 'this client is closed; create a new one with createClient()')
  }

  #emit(): void {
    this.#network?.update()
    for (const l of [...this.#listeners]) l()
  }

  /** @internal Starts the peer-to-peer network (signaling + WebRTC) when options ask for it. */
  startNetwork(): void {
    const option = this.options.signaling
    if (!option || this.#network || this.options.webrtc === false) return
    const isSignaling = typeof option === 'object' && !Array.isArray(option)
    this.#network = new ClientNetwork(
      {
        repo: this.repo,
        monitor: this.network,
        identity: () => this.#record.identity,
        spaces: () => this.#spaces.values(),
        isRevoked: (key) => this.isRevoked(key),
      },
      {
        ...(isSignaling ? { signaling: option as Signaling } : { urls: option as string | string[] }),
        iceServers: this.options.iceServers,
        bindAddress: this.options.bindAddress,
      },
    )
    if (typeof window !== 'undefined' && typeof window.addEventListener === 'function') {
      window.addEventListener('offline', () => this.#status === 'ready' && this.setOnline(false))
      window.addEventListener('online', () => this.#status === 'ready' && this.setOnline(true))
    }
  }

  /**
   * Takes this client offline (false) or back online (true). Writes go on locally and merge
   * with everyone else's on rejoin. Browsers also follow the window's online/offline events.
   *
   * @example client.setOnline(false) // airplane mode
   */
  setOnline(online: boolean): void {
    this.#assertOpen()
    this.#network?.setOnline(online)
  }

  /** @internal The network layer (undefined when networking is off). */
  get net(): ClientNetwork | undefined {
    return this.#network
  }
}

/**
 * Creates and opens a client: storage first, then identity and spaces from it.
 *
 * @example
 * const client = await createClient({ storage: { directory: './data' }, signaling: false })
 */
export async function createClient(options: ClientOptions = {}): Promise<Client> {
  const name = options.name ?? 'default'
  if (typeof name !== 'string' || !/^[\w.-]{1,64}$/.test(name)) {
    throw new EchoError('INVALID_VALUE', 'name must be 1-64 chars of letters, digits, _ . -')
  }
  const storage = await openStorage(options.storage, name)
  let record: LocalRecord = { version: 1, spaces: [] }
  try {
    const bytes = await storage.load(LOCAL_KEY)
    if (bytes) record = parseLocalRecord(fromUtf8(bytes))
  } catch (error) {
    if (error instanceof EchoError) throw error
    throw new EchoError('STORAGE_FAILED', `could not read client state: ${(error as Error)?.message}`, { cause: error })
  }
  const network: NetworkAdapterInterface[] = [...(options.network ?? [])]
  const broadcast = options.broadcast ?? (typeof window !== 'undefined' && typeof BroadcastChannel !== 'undefined' && !/jsdom/i.test(globalThis.navigator?.userAgent ?? ''))
  if (broadcast && typeof BroadcastChannel !== 'undefined') {
    const { BroadcastChannelNetworkAdapter } = await import('@automerge/automerge-repo-network-broadcastchannel')
    network.push(new BroadcastChannelNetworkAdapter({ channelName: `echo-kit:${name}` }))
  }
  const repo = new Repo({
    storage,
    network,
    peerId: `echo-${randomId().slice(0, 20)}` as PeerId,
    // Only announce documents of spaces we have; the session layer tightens access further.
    saveDebounceRate: SAVE_DEBOUNCE_MS,
  })
  const client = new Client(repo, storage, record, { ...options, name })
  client.mountAll()
  client.startNetwork()
  return client
}

function parseLocalRecord(text: string): LocalRecord {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new EchoError('STORAGE_FAILED', 'stored client state is corrupt (not JSON); it was left untouched')
  }
  const v = value as LocalRecord
  if (!v || v.version !== 1 || !Array.isArray(v.spaces)) {
    throw new EchoError('STORAGE_FAILED', 'stored client state has an unknown format; it was left untouched')
  }
  return v
}
