import type { NetworkAdapterInterface, Repo } from '@automerge/automerge-repo'
import { generateIdentity, Revocations, type Device, type Identity, type IdentityRecord } from '../identity/index.ts'
import { Invitation, Joining, type InvitationOptions, type JoinOptions } from '../invitations/index.ts'
import { ClientNetwork, type NetworkMonitor } from '../network/index.ts'
import { EchoError, Store } from '../shared/index.ts'
import type { Space } from '../space/index.ts'
import { Devices } from './Devices.ts'
import { flushRepo } from './findDocument.ts'
import { joiningContext } from './joiningContext.ts'
import type { LocalRecordStore } from './LocalRecord.ts'
import { SpaceRegistry, type OpenSpaceOptions } from './SpaceRegistry.ts'
import type { ClientOptions, ClientParts, ClientSnapshot, ClientStats, ClientStatus } from './ClientOptions.ts'

/**
 * The engine: identity, spaces, objects and replication for one device. Framework-agnostic and
 * observable: `subscribe(listener)` and `getSnapshot()` (status, identity, spaces, devices).
 *
 * @example
 * const client = await createClient({ storage: 'indexeddb' })
 * if (!client.identity) await client.createIdentity({ displayName: 'Ada' })
 * const space = await client.createSpace({ name: 'Tasks' })
 */
export class Client extends Store<ClientSnapshot> {
  /** The automerge-repo Repo underneath (advanced use). */
  readonly repo: Repo
  /** Namespace of this client. */
  readonly name: string
  /** Options the client was created with. */
  readonly options: Readonly<ClientOptions>
  readonly #record: LocalRecordStore
  readonly #revocations = new Revocations()
  readonly #closing = new AbortController()
  readonly #spaces: SpaceRegistry
  readonly #devices: Devices
  readonly #network: ClientNetwork
  readonly #saveDebounceMs: number
  #failures = 0
  #closed: Promise<void> | undefined
  #lastFailure: EchoError | undefined

  /** Use `createClient`. */
  constructor(options: ClientOptions, parts: ClientParts) {
    super({ status: 'ready', identity: null, spaces: [], devices: [] })
    this.repo = parts.repo
    this.options = options
    this.name = options.name ?? 'default'
    this.#record = parts.record
    this.#saveDebounceMs = parts.saveDebounceMs
    const changed = () => this.#refresh()
    this.#network = new ClientNetwork({
      repo: parts.repo,
      port: parts.network,
      signaling: options.signaling,
      webrtc: options.webrtc !== false,
      iceServers: options.iceServers,
      bindAddress: options.bindAddress,
      identity: () => this.#record.value.identity,
      spaces: () => this.#spaces.controls(),
      isRevoked: (key, identityKey) => this.#revocations.has(key, identityKey),
      learnDevice: (key, identityKey) => this.#revocations.learnOwner(key, identityKey),
    })
    const base = { repo: parts.repo, record: parts.record, revocations: this.#revocations, closed: this.#closing.signal, changed, failed: this.#failed }
    this.#spaces = new SpaceRegistry({ ...base, signaling: () => this.#network.signaling(), halo: () => this.#devices.halo, sender: (peerId) => this.#network.sender(peerId), storage: parts.storage })
    this.#devices = new Devices({ ...base, spaces: this.#spaces, flush: () => this.#flushAll() })
    this.#revocations.subscribe(changed)
    this.#spaces.mountAll()
    this.#devices.load()
    this.#network.start()
    this.#refresh()
  }

  /** 'ready', or 'closed' after {@link Client.close}. */
  get status(): ClientStatus {
    return this.getSnapshot().status
  }

  /** This client's identity, or null before {@link Client.createIdentity}. Same object until it changes. */
  get identity(): Identity | null {
    return this.getSnapshot().identity
  }

  /** Spaces this client has, in the order they were added. Same array until the list changes. */
  get spaces(): readonly Space[] {
    return this.getSnapshot().spaces
  }

  /** Devices of this identity (this one first). */
  get devices(): readonly Device[] {
    return this.getSnapshot().devices
  }

  /** True on the device that holds the identity key: it may invite and revoke devices. */
  get canManageDevices(): boolean {
    return !!this.#record.value.identity?.identitySecretKey
  }

  /** The identity's personal space (created with the identity). */
  get defaultSpace(): Space | undefined {
    return this.spaces.find((s) => s.personal)
  }

  /** Live network status (`subscribe` + `getSnapshot`). */
  get network(): NetworkMonitor {
    return this.#network.status
  }

  /** Counters of refused and failed work. */
  stats(): ClientStats {
    return { deniedRequests: this.#network.denied, refusedMessages: this.#network.refused, backgroundFailures: this.#failures, ...(this.#lastFailure ? { lastFailure: this.#lastFailure } : {}) }
  }

  /**
   * Creates this device's identity (identity key + device key) and its personal space.
   * Throws `IDENTITY_EXISTS` when there is one already.
   *
   * @example const me = await client.createIdentity({ displayName: 'Ada' })
   */
  async createIdentity({ displayName }: { displayName: string }): Promise<Identity> {
    this.#assertOpen()
    if (this.#record.value.identity) throw new EchoError('IDENTITY_EXISTS', 'this client already has an identity')
    if (typeof displayName !== 'string' || !displayName.trim() || displayName.length > 200) {
      throw new EchoError('INVALID_VALUE', 'displayName must be a non-empty string of at most 200 chars')
    }
    const identity: IdentityRecord = generateIdentity(displayName.trim())
    const halo = this.#devices.create(identity)
    identity.haloDocId = halo.documentId
    await this.#record.update((r) => ({ ...r, identity }))
    this.#devices.attach(halo)
    const personal = await this.#spaces.create('Personal', true)
    await this.#record.update((r) => ({ ...r, identity: { ...r.identity!, personalSpaceId: personal.id } }))
    this.#refresh()
    return this.identity!
  }

  /**
   * Creates a space owned by this identity.
   *
   * @example const space = await client.createSpace({ name: 'Team board' })
   */
  async createSpace({ name = '' }: { name?: string } = {}): Promise<Space> {
    this.#assertOpen()
    if (typeof name !== 'string') throw new EchoError('INVALID_VALUE', 'a space name must be a string')
    return this.#spaces.create(name, false)
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
  async openSpace(address: string, options: OpenSpaceOptions = {}): Promise<Space> {
    this.#assertOpen()
    return this.#spaces.open(address, options)
  }

  /** Adds a network adapter to this client's Repo (e.g. to link two clients in-process). */
  addNetworkAdapter(adapter: NetworkAdapterInterface): void {
    this.#assertOpen()
    this.repo.networkSubsystem.addNetworkAdapter(adapter)
  }

  /** Removes a network adapter added with {@link Client.addNetworkAdapter}. */
  removeNetworkAdapter(adapter: NetworkAdapterInterface): void {
    if (this.status === 'closed') return
    this.repo.networkSubsystem.removeNetworkAdapter(adapter)
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
    const identity = this.#record.value.identity
    if (!identity) throw new EchoError('NO_IDENTITY', 'create an identity first: await client.createIdentity({ displayName })')
    if (!identity.identitySecretKey) throw new EchoError('FORBIDDEN', 'only the device that created the identity can invite devices')
    const about = () => ({ hostName: this.#record.value.identity?.displayName })
    return new Invitation('device', { signaling: () => this.#network.signaling(), admit: (guest) => this.#devices.admit(guest), about }, options)
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
      joiningContext({ name: this.name, network: this.#network, devices: this.#devices, spaces: this.#spaces, record: this.#record }),
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
    await this.#devices.revoke(deviceKey)
  }

  /**
   * True when this device key is known to be revoked by its own identity (`identityKey`, or the
   * identity it proved itself for in a session or the HALO); never forgotten.
   */
  isRevoked(deviceKey: string, identityKey?: string): boolean {
    return this.#revocations.has(deviceKey, identityKey)
  }

  /**
   * Takes this client offline (false) or back online (true). Writes go on locally and merge
   * with everyone else's on rejoin. Browsers also follow the window's online/offline events.
   *
   * @example client.setOnline(false) // airplane mode
   */
  setOnline(online: boolean): void {
    this.#assertOpen()
    this.#network.setOnline(online)
  }

  /**
   * Commits pending writes of every space and closes storage and network. Using the client
   * afterwards throws `CLOSED`.
   *
   * @example await client.close()
   */
  close(): Promise<void> {
    return (this.#closed ??= this.#close())
  }

  async #close(): Promise<void> {
    if (this.status === 'closed') return
    // Writes made while a space ran on its saved read model are committed once its document
    // binds (the document is in storage: that takes as long as its load, bounded here anyway).
    let timer: ReturnType<typeof setTimeout> | undefined
    await Promise.race([this.#spaces.whenBound(), new Promise((r) => (timer = setTimeout(r, 30_000)))])
    clearTimeout(timer)
    this.#spaces.commitAll()
    // Stop taking messages first: a sync message arriving during the flush would schedule a
    // (throttled) sync-state save that could land after close() resolved.
    this.#network.close()
    for (const adapter of this.repo.networkSubsystem.adapters) adapter.disconnect()
    try {
      await this.#record.whenSaved()
      await flushRepo(this.repo)
      // automerge-repo's throttled saves run on timers that flush() does not cancel: let them
      // land while storage is still ours, so nothing writes after close() resolves.
      await new Promise((r) => setTimeout(r, this.#saveDebounceMs * 3))
      await flushRepo(this.repo)
      await this.#spaces.saveWarm()
    } finally {
      this.#closing.abort()
      this.#spaces.closeAll()
      this.#devices.close()
      this.set({ status: 'closed' })
      // An adapter that fails to shut down has nothing left for us to release: count it.
      await this.repo.shutdown().catch(this.#failed)
    }
  }

  #failed = (error: unknown): void => {
    this.#failures++
    this.#lastFailure = error instanceof EchoError ? error : new EchoError('STORAGE_FAILED', String((error as Error)?.message ?? error), { cause: error })
  }

  async #flushAll(): Promise<void> {
    this.#spaces.commitAll()
    await flushRepo(this.repo)
  }

  #refresh(): void {
    if (this.status === 'closed') return
    this.#network.update()
    const record = this.#record.value.identity
    const current = this.identity
    const identity =
      record && current?.identityKey === record.identityKey && current.deviceKey === record.deviceKey && current.displayName === record.displayName
        ? current
        : record
          ? Object.freeze({ identityKey: record.identityKey, deviceKey: record.deviceKey, displayName: record.displayName })
          : null
    this.set({ identity, spaces: this.#spaces.list, devices: this.#devices.list(record) })
  }

  #assertOpen(): void {
    if (this.status === 'closed') throw new EchoError('CLOSED', 'this client is closed; create a new one with createClient()')
  }
}
