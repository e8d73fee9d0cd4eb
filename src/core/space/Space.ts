import * as A from '@automerge/automerge'
import type { DocHandle, DocHandleChangePayload, DocumentId, Repo } from '@automerge/automerge-repo'
import { deriveMembers, parseCredential, signCredential, verifySignature, type Credential, type Member, type Role } from '../identity/index.ts'
import { Invitation, type InvitationOptions } from '../invitations/index.ts'
import type { Signaling } from '../network/index.ts'
import { createDatabase, type Database, type DatabaseControl, type DataDoc } from '../data/index.ts'
import { EchoError } from '../shared/index.ts'
import { deviceSigner, type IdentityRecord } from '../identity/index.ts'
import { encodeSpaceAddress } from './SpaceAddress.ts'
import { SyncMonitor } from './SyncStatus.ts'

/** The control document of a space: signed credentials, keyed by credential id. */
export interface ControlDoc {
  spaceId?: unknown
  credentials: Record<string, unknown>
}

/** A space's lifecycle. */
export type SpaceStatus = 'loading' | 'ready' | 'closed'

/** @internal Persisted facts about a space this client has. */
export interface SpaceRecord {
  id: string
  controlDocId: string
  dataDocId: string
  secret: string
  personal?: boolean
}

/** @internal What a space needs from its client. */
export interface SpaceHost {
  repo: Repo
  signaling(): Signaling
  identityRecord(): IdentityRecord | undefined
  forget(space: Space): Promise<void>
}

/**
 * A space: the unit of sharing and access control. Objects live in `space.db`; who may read and
 * write is derived from signed credentials in the space's control document.
 *
 * @example
 * const space = await client.createSpace({ name: 'Groceries' })
 * space.name = 'Shopping'
 * space.db.add({ '@type': 'item', title: 'Milk' })
 * space.members // [{ identityKey, role: 'owner', displayName }]
 */
export class Space {
  /** The space id: the public key of the space's genesis. */
  readonly id: string
  /** Objects of this space. */
  readonly db: Database
  /** True for the identity's personal space. */
  readonly personal: boolean
  /** Live sync status of this space (`subscribe` + `getSnapshot`). */
  readonly sync: SyncMonitor
  readonly #record: SpaceRecord
  readonly #host: SpaceHost
  readonly #dbControl: DatabaseControl
  #status: SpaceStatus = 'loading'
  #name = ''
  #members: Member[] = []
  #membersKey = ''
  #credentials = new Map<string, Credential>()
  #revokedDevices = new Set<string>()
  #control: DocHandle<ControlDoc> | undefined
  #data: DocHandle<DataDoc> | undefined
  #listeners = new Set<() => void>()
  #cleanup: (() => void)[] = []
  #ready: Promise<void>
  #resolveReady!: () => void

  /** @internal Use `client.createSpace` / `client.openSpace`. */
  constructor(record: SpaceRecord, host: SpaceHost) {
    this.id = record.id
    this.personal = !!record.personal
    this.#record = record
    this.#host = host
    this.#ready = new Promise((resolve) => (this.#resolveReady = resolve))
    this.sync = new SyncMonitor(host.repo)
    const { db, control } = createDatabase(record.id, {
      flushStorage: () => host.repo.flush([record.dataDocId as DocumentId, record.controlDocId as DocumentId]),
      onDocChange: (doc) => this.#readName(doc),
    })
    this.db = db
    this.#dbControl = control
  }

  /** Shareable address: an admitted identity calls `client.openSpace(address)`. */
  get address(): string {
    return encodeSpaceAddress({
      spaceId: this.id,
      controlDocId: this.#record.controlDocId,
      dataDocId: this.#record.dataDocId,
      secret: this.#record.secret,
    })
  }

  /** @internal Swarm secret (hex) from which network topics are derived. */
  get secret(): string {
    return this.#record.secret
  }

  /** @internal Automerge document ids of this space (control, data). */
  get documentIds(): { control: DocumentId; data: DocumentId } {
    return { control: this.#record.controlDocId as DocumentId, data: this.#record.dataDocId as DocumentId }
  }

  /** 'loading' until both documents are available, 'ready', then 'closed' after leave/close. */
  get status(): SpaceStatus {
    return this.#status
  }

  /** The space's name (live; editable by members). */
  get name(): string {
    return this.#name
  }

  set name(value: string) {
    this.#assertOpen()
    if (typeof value !== 'string') throw new EchoError('INVALID_VALUE', 'a space name must be a string')
    if (!this.#data) throw new EchoError('NOT_FOUND', 'the space has not been loaded yet')
    this.#data.change((d) => {
      d.name = new A.ImmutableString(value)
    })
    this.#readName(this.#data.doc())
  }

  /** Members derived from verified credentials. Same array until membership changes. */
  get members(): readonly Member[] {
    return this.#members
  }

  /** @internal Verified credentials of this space. */
  get credentials(): readonly Credential[] {
    return [...this.#credentials.values()]
  }

  /** @internal Device keys revoked according to this space's credentials. */
  get revokedDevices(): ReadonlySet<string> {
    return this.#revokedDevices
  }

  /**
   * Creates an invitation to this space (owners and admins). Share `invitation.code` (or a
   * link / QR code); once a guest connects, show them `invitation.authCode`.
   *
   * @example
   * const invitation = space.createInvitation({ role: 'editor' })
   * invitation.subscribe(() => console.log(invitation.state, invitation.authCode))
   */
  createInvitation(options: InvitationOptions = {}): Invitation {
    this.#assertOpen()
    this.#manager()
    const role = options.role ?? 'editor'
    return new Invitation(
      'space',
      {
        signaling: () => this.#host.signaling(),
        admit: async (guest) => {
          await this.admit({ identityKey: guest.identityKey!, role, displayName: guest.displayName })
          return { address: this.address, spaceId: this.id, name: this.name }
        },
      },
      options,
    )
  }

  /** Resolves when the space's documents are available. */
  whenReady(): Promise<void> {
    return this.#ready
  }

  /**
   * Listens to changes of the space itself (name, members, status); objects have their own
   * subscriptions (`space.db.subscribe`, queries). Returns the unsubscribe function.
   *
   * @example const stop = space.subscribe(() => console.log(space.name, space.members.length))
   */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /**
   * Admits an identity by its key (no invitation), writing a signed member credential. Only
   * owners and admins may admit. The admitted identity opens the space with `space.address`.
   *
   * @example await space.admit({ identityKey: bob.identity.identityKey, role: 'editor' })
   */
  async admit({ identityKey, role = 'editor', displayName }: { identityKey: string; role?: Role; displayName?: string }): Promise<void> {
    this.#assertOpen()
    if (typeof identityKey !== 'string' || !/^[0-9a-f]{64}$/.test(identityKey)) {
      throw new EchoError('INVALID_VALUE', 'identityKey must be a 64-char hex public key')
    }
    if (!['owner', 'admin', 'editor', 'reader'].includes(role)) throw new EchoError('INVALID_VALUE', `unknown role '${role}'`)
    const signer = this.#manager()
    this.#addCredential(signCredential({ kind: 'member', spaceId: this.id, subject: identityKey, role, displayName }, signer))
    await this.flush()
  }

  /**
   * Removes a member (owners and admins only). Every peer refuses the removed identity from
   * then on.
   *
   * @example await space.removeMember(bobKey)
   */
  async removeMember(identityKey: string): Promise<void> {
    this.#assertOpen()
    if (!this.#members.some((m) => m.identityKey === identityKey)) {
      throw new EchoError('NOT_A_MEMBER', `${identityKey.slice(0, 8)}… is not a member of this space`)
    }
    const signer = this.#manager()
    const genesis = this.credentials.find((c) => c.kind === 'space-genesis')
    if (genesis?.subject === identityKey) throw new EchoError('FORBIDDEN', "the space's creator cannot be removed")
    this.#addCredential(signCredential({ kind: 'member-removed', spaceId: this.id, subject: identityKey }, signer))
    await this.flush()
  }

  /** @internal Adds an already signed credential (e.g. a device revocation). */
  addCredential(credential: Credential): void {
    this.#addCredential(credential)
  }

  /** Commits and waits until this space's writes are durable. */
  async flush(): Promise<void> {
    await this.db.flush()
  }

  /** Commits pending writes of `space.db` to Automerge now (otherwise at the end of the task). */
  commit(): void {
    this.#dbControl.commit()
  }

  /**
   * Leaves the space on this client: stops syncing it and deletes its local copy.
   *
   * @example await space.leave()
   */
  async leave(): Promise<void> {
    if (this.#status === 'closed') return
    await this.#host.forget(this)
  }

  // ---- internals used by Client ---------------------------------------------------------

  /** @internal */
  attach(control: DocHandle<ControlDoc>, data: DocHandle<DataDoc>): void {
    if (this.#status === 'closed') return
    this.#control = control
    this.#data = data
    const onControl = ({ doc }: DocHandleChangePayload<ControlDoc>) => this.#readCredentials(doc)
    control.on('change', onControl)
    this.#cleanup.push(() => control.off('change', onControl))
    this.#readCredentials(control.doc())
    this.#readName(data.doc(), false)
    this.#dbControl.attach(data)
    this.sync.watch([control as DocHandle<unknown>, data as DocHandle<unknown>])
    this.#status = 'ready'
    this.#resolveReady()
    this.#emit()
  }

  /** @internal */
  close(): void {
    if (this.#status === 'closed') return
    this.#dbControl.detach()
    this.sync.close()
    for (const fn of this.#cleanup.splice(0)) fn()
    this.#status = 'closed'
    this.#resolveReady()
    this.#emit()
  }

  #assertOpen(): void {
    if (this.#status === 'closed') throw new EchoError('CLOSED', 'this space is closed (left, or its client was closed)')
  }

  #manager() {
    const record = this.#host.identityRecord()
    if (!record) throw new EchoError('NO_IDENTITY', 'create an identity first: await client.createIdentity({ displayName })')
    const me = this.#members.find((m) => m.identityKey === record.identityKey)
    if (!me) throw new EchoError('NOT_A_MEMBER', 'this identity is not a member of the space')
    if (me.role !== 'owner' && me.role !== 'admin') {
      throw new EchoError('FORBIDDEN', `only owners and admins can change membership (you are ${me.role})`)
    }
    return deviceSigner(record)
  }

  #addCredential(credential: Credential): void {
    if (!this.#control) throw new EchoError('NOT_FOUND', 'the space has not been loaded yet')
    this.#control.change((d) => {
      d.credentials[credential.id] = new A.ImmutableString(JSON.stringify(credential))
    })
    this.#readCredentials(this.#control.doc())
  }

  #readCredentials(doc: A.Doc<ControlDoc>): void {
    const raw = doc?.credentials
    if (raw && typeof raw === 'object') {
      for (const key of Object.keys(raw)) {
        if (this.#credentials.has(key)) continue
        const value = raw[key]
        const text = A.isImmutableString(value) ? (value as A.ImmutableString).val : typeof value === 'string' ? value : undefined
        const credential = text !== undefined ? parseCredential(text) : null
        // Malformed credentials from a peer are ignored; verification happens in deriveMembers.
        if (credential && credential.id === key) this.#credentials.set(key, credential)
      }
    }
    const revokedBefore = this.#revokedDevices.size
    for (const c of this.#credentials.values()) {
      if (c.kind === 'device-revoked' && c.identityKey && c.issuer === c.identityKey && c.signer === c.identityKey && verifySignature(c)) {
        this.#revokedDevices.add(c.subject)
      }
    }
    const members = deriveMembers(this.id, this.#credentials.values())
    const key = JSON.stringify(members)
    if (key !== this.#membersKey) {
      this.#membersKey = key
      this.#members = members
      this.#emit()
    } else if (this.#revokedDevices.size !== revokedBefore) {
      this.#emit()
    }
  }

  #readName(doc: A.Doc<DataDoc>, emit = true): void {
    const raw = doc?.name
    const name = A.isImmutableString(raw) ? (raw as A.ImmutableString).val : typeof raw === 'string' ? raw : ''
    if (name !== this.#name) {
      this.#name = name
      if (emit) this.#emit()
    }
  }

  #emit(): void {
    for (const l of [...this.#listeners]) l()
  }
}
