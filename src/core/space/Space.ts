import * as A from '@automerge/automerge'
import type { DocHandle, DocHandleChangePayload, DocumentId } from '@automerge/automerge-repo'
import { createDatabase, type Database, type DatabaseControl, type DataDoc } from '../data/index.ts'
import { signCredential, type Credential, type Member, type Role } from '../identity/index.ts'
import { Invitation, type InvitationOptions } from '../invitations/index.ts'
import { SyncPush } from '../network/index.ts'
import { EchoError, Store } from '../shared/index.ts'
import { encodeSpaceAddress } from './SpaceAddress.ts'
import { applyAhead } from './applyAhead.ts'
import { ShownAhead } from './ShownAhead.ts'
import { membersOf, SpaceGate } from './SpaceGate.ts'
import { createPresence, type Presence, type PresenceControl } from './Presence.ts'
import { SyncMonitor, syncMonitor, type SyncMonitorControl } from './SyncStatus.ts'
import type { ControlDoc, SpaceContext, SpaceControl, SpaceRecord, SpaceSnapshot, SpaceStatus } from './SpaceContext.ts'
import { WarmStart, type WarmSnapshot } from './WarmStart.ts'
import { CredentialBook } from './CredentialBook.ts'

let mount: (record: SpaceRecord, context: SpaceContext) => Space
let controlsOf: (space: Space) => Omit<SpaceControl, 'space' | 'secret' | 'documentIds'>

/**
 * A space: the unit of sharing and access control. Objects live in `space.db`; who may read and
 * write is derived from signed credentials in the space's control document. Observable:
 * `subscribe(listener)` and `getSnapshot()` (name, status, members, role).
 *
 * @example
 * const space = await client.createSpace({ name: 'Groceries' })
 * space.name = 'Shopping'
 * space.db.add({ '@type': 'item', title: 'Milk' })
 * space.members // [{ identityKey, role: 'owner', displayName }]
 */
export class Space extends Store<SpaceSnapshot> {
  /** The space id: the public key of the space's genesis. */
  readonly id: string
  /** Objects of this space. */
  readonly db: Database
  /** True for the identity's personal space. */
  readonly personal: boolean
  readonly #record: SpaceRecord
  readonly #context: SpaceContext
  readonly #sync: SyncMonitorControl
  readonly #db: DatabaseControl
  readonly #book: CredentialBook
  #control: DocHandle<ControlDoc> | undefined
  #data: DocHandle<DataDoc> | undefined
  #cleanup: (() => void)[] = []
  #ready: Promise<void>
  #resolveReady!: () => void
  readonly #gate: SpaceGate
  readonly #shown: ShownAhead
  readonly #presence: PresenceControl
  readonly #warm: WarmStart | undefined

  // The owner's controls reach the private members from here; see createSpace().
  static {
    mount = (record, context) => new Space(record, context)
    controlsOf = (space) => ({
      attach: (c, d) => space.#attach(c, d),
      loadWarm: async () => space.#warm?.load(),
      warm: (c, snapshot) => space.#attachWarm(c, snapshot),
      whenBound: () => space.#db.whenBound(),
      saveWarm: async () => void (await space.#warm?.save()),
      removeWarm: async () => space.#warm?.remove(),
      addCredential: (c) => space.#addCredential(c),
      verifiedMembers: () => space.#verifiedMembers(),
      credentialHeads: () => space.#book.heads(),
      inbound: (k, d, m) => space.#gate.inbound(k, d, m),
      refused: () => space.#gate.countRefused(),
      commit: () => space.commit(),
      close: () => space.#close(),
    })
  }

  /** Use `client.createSpace` / `client.openSpace`; the client mounts spaces with {@link createSpace}. */
  protected constructor(record: SpaceRecord, context: SpaceContext) {
    super({ id: record.id, name: '', status: 'loading', members: [], role: undefined })
    this.id = record.id
    this.personal = !!record.personal
    this.#record = record
    this.#context = context
    this.#book = new CredentialBook(record.id, context.revocations)
    this.#ready = new Promise((resolve) => (this.#resolveReady = resolve))
    this.#gate = new SpaceGate({
      spaceId: record.id,
      closed: () => this.status === 'closed',
      members: () => this.#verifiedMembers(),
      controlDoc: () => this.#controlDoc(),
      refusalsChanged: () => this.#sync.refresh(),
      // A writer's admitted change is visible before automerge-repo's reply round (applyAhead).
      admittedChanges: (changes, mayDefer) => {
        // A plain overwrite or text edit is shown at once and applied in a task of its own (ShownAhead.ts).
        const later = mayDefer ? this.#shown.show(changes) : (this.#shown.flush(), undefined)
        if (later) return later
        // Before the space attaches (a new copy), the Repo's handle of the data document.
        const data = this.#data ?? (context.repo.handles[record.dataDocId as DocumentId] as DocHandle<DataDoc> | undefined)
        if (data) applyAhead(data, changes)
        return undefined
      },
    })
    // Before the database: its commits (also one made while it opens) flush what is shown.
    this.#shown = new ShownAhead({
      handle: () => this.#data,
      show: (fields) => this.#db.showAhead(fields),
      reconcile: (fields) => this.#db.reconcile(fields),
    })
    this.#sync = syncMonitor(context.repo, (peerId, documentId) =>
      this.#gate.refuses(peerId, documentId === record.controlDocId ? 'control' : 'data'),
    )
    const { db, control } = createDatabase(record.id, {
      flushStorage: () => context.repo.flush([record.dataDocId as DocumentId, record.controlDocId as DocumentId]),
      onDocChange: (doc) => {
        this.#readName(doc)
        this.#warm?.changed()
      },
      beforeCommit: () => this.#shown.flush(),
      onCommit: () => {
        SyncPush.of(context.repo).push(record.dataDocId as DocumentId)
        this.#warm?.changed()
      },
      canWrite: () => this.#mayWrite(),
      refusedMessages: () => this.#gate.refused,
      author: () => context.identity()?.identityKey,
    })
    this.db = db
    this.#db = control
    this.#warm = context.storage
      ? new WarmStart(context.storage, record.dataDocId, {
          heads: () => this.#data?.heads().join(','),
          flush: () => context.repo.flush([record.dataDocId as DocumentId]),
          // Not while a change is shown ahead: the read model is then ahead of the document.
          copy: (minSize) => (this.#shown.pending ? undefined : control.copy(minSize)),
          name: () => this.name,
          failed: (error) => context.failed?.(error),
        })
      : undefined
    this.#presence = createPresence({
      self: () => context.identity(),
      members: () => this.members,
      // Without a network (tests that wire the Repo themselves) every peer is a local link.
      sender: (peerId) => (context.sender ? context.sender(peerId) : 'local'),
    })
  }

  /** Who is here now, and what each device shares (see {@link Presence}). Not persisted. */
  get presence(): Presence {
    return this.#presence.presence
  }

  /** Live sync status of this space (`subscribe` + `getSnapshot`). */
  get sync(): SyncMonitor {
    return this.#sync.monitor
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

  /** 'loading' until both documents are available, 'ready', then 'closed' after leave/close. */
  get status(): SpaceStatus {
    return this.getSnapshot().status
  }

  /** The space's name (live; editable by members). */
  get name(): string {
    return this.getSnapshot().name
  }

  set name(value: string) {
    this.#assertOpen()
    if (typeof value !== 'string') throw new EchoError('INVALID_VALUE', 'a space name must be a string')
    if (!this.#data) throw new EchoError('NOT_FOUND', 'the space has not been loaded yet')
    if (!this.#mayWrite()) throw new EchoError('FORBIDDEN', 'this identity may not rename the space (readers only read)')
    this.#shown.flush()
    this.#data.change((d) => {
      d.name = new A.ImmutableString(value)
    })
    this.#readName(this.#data.doc())
  }

  /** Members derived from verified credentials. Same array until membership changes. */
  get members(): readonly Member[] {
    return this.getSnapshot().members
  }

  /** This identity's role in the space, or undefined while it is not known to be a member. */
  get role(): Role | undefined {
    return this.getSnapshot().role
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
    this.#book.signer(this.members, this.#context.identity())
    const role = options.role ?? 'editor'
    return new Invitation(
      'space',
      {
        signaling: () => this.#context.signaling(),
        admit: async (guest) => {
          await this.admit({ identityKey: guest.identityKey!, role, displayName: guest.displayName })
          return { address: this.address, spaceId: this.id, name: this.name }
        },
        about: () => ({ hostName: this.#context.identity()?.displayName, spaceName: this.name }),
      },
      options,
    )
  }

  /** Resolves when the space's documents are available (or the space closed first). */
  whenReady(): Promise<void> {
    return this.#ready
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
    const signer = this.#book.signer(this.members, this.#context.identity())
    const me = this.#context.identity()!.identityKey
    const current = this.members.find((m) => m.identityKey === identityKey)
    this.#book.assertMayChange(this.members, me, current, role)
    this.#addCredential(signCredential({ kind: 'member', spaceId: this.id, subject: identityKey, role, displayName: displayName ?? current?.displayName, parents: this.#book.heads() }, signer))
    await this.flush()
  }

  /**
   * Changes a member's role (owners and admins; up or down). Nobody grants a role above their
   * own or changes a member above them; the space's creator stays owner.
   *
   * @example await space.setRole(bobKey, 'reader')
   */
  async setRole(identityKey: string, role: Role): Promise<void> {
    this.#assertOpen()
    if (!this.members.some((m) => m.identityKey === identityKey)) {
      throw new EchoError('NOT_A_MEMBER', `${String(identityKey).slice(0, 8)}… is not a member of this space`)
    }
    await this.admit({ identityKey, role })
  }

  /**
   * Removes a member (owners and admins only). Every peer refuses the removed identity from
   * then on.
   *
   * @example await space.removeMember(bobKey)
   */
  async removeMember(identityKey: string): Promise<void> {
    this.#assertOpen()
    if (!this.members.some((m) => m.identityKey === identityKey)) {
      throw new EchoError('NOT_A_MEMBER', `${String(identityKey).slice(0, 8)}… is not a member of this space`)
    }
    const signer = this.#book.signer(this.members, this.#context.identity())
    this.#book.assertMayChange(this.members, this.#context.identity()!.identityKey, this.members.find((m) => m.identityKey === identityKey))
    this.#addCredential(signCredential({ kind: 'member-removed', spaceId: this.id, subject: identityKey, parents: this.#book.heads() }, signer))
    await this.flush()
  }

  /** Commits pending writes of `space.db` to Automerge now (otherwise at the end of the task). */
  commit(): void {
    this.#db.commit()
  }

  /** Commits and waits until this space's writes are durable. */
  async flush(): Promise<void> {
    await this.db.flush()
  }

  /**
   * Leaves the space on this client: stops syncing it and deletes its local copy.
   *
   * @example await space.leave()
   */
  async leave(): Promise<void> {
    if (this.status === 'closed') return
    await this.#context.leave(this)
  }

  #attach(control: DocHandle<ControlDoc>, data: DocHandle<DataDoc>): void {
    if (this.status === 'closed') return
    if (!this.#control) this.#attachControl(control)
    this.#data = data
    this.#readName(data.doc())
    this.#db.attach(data)
    this.#sync.watch([control as DocHandle<unknown>, data as DocHandle<unknown>])
    this.#presence.attach(data as DocHandle<unknown>, this.#context.repo)
    if (this.status !== 'ready') this.set({ status: 'ready' })
    this.#resolveReady()
  }

  /** Ready from the control document and a saved read model; the data document follows (WarmStart). */
  #attachWarm(control: DocHandle<ControlDoc>, snapshot: WarmSnapshot): void {
    if (this.status !== 'loading' || this.#data) return
    this.#attachControl(control)
    this.set({ name: snapshot.name })
    this.#db.warm(snapshot.entries, snapshot.invalidValues)
    this.set({ status: 'ready' })
    this.#resolveReady()
  }

  #attachControl(control: DocHandle<ControlDoc>): void {
    this.#control = control
    const onControl = ({ doc }: DocHandleChangePayload<ControlDoc>) => this.#readCredentials(doc)
    control.on('change', onControl)
    this.#cleanup.push(() => control.off('change', onControl))
    this.#readCredentials(control.doc())
  }

  #close(): void {
    if (this.status === 'closed') return
    void this.#warm?.close()
    this.#presence.close()
    this.#shown.flush()
    this.#db.detach()
    this.#gate.close()
    this.#sync.close()
    for (const fn of this.#cleanup.splice(0)) fn()
    this.set({ status: 'closed' })
    this.#resolveReady()
  }

  /** The control document as the Repo holds it now (attached, or still being fetched). */
  #controlDoc(): A.Doc<ControlDoc> | undefined {
    const handle = this.#control ?? (this.#context.repo.handles[this.#record.controlDocId as DocumentId] as DocHandle<ControlDoc> | undefined)
    return handle?.isReady() ? handle.doc() : undefined
  }

  #verifiedMembers(): readonly Member[] {
    if (this.members.length || this.#control) return this.members
    return membersOf(this.id, this.#controlDoc())
  }

  #assertOpen(): void {
    if (this.status === 'closed') throw new EchoError('CLOSED', 'this space is closed (left, or its client was closed)')
  }

  /**
   * May this identity write objects and the name? Readers may not. Identities that are not
   * (or not yet known to be) members may write locally (a client without identity, links of
   * one device): what they write reaches no peer, every peer's InboundGate refuses it.
   */
  #mayWrite(): boolean {
    return this.role !== 'reader'
  }

  #addCredential(credential: Credential): void {
    if (!this.#control) throw new EchoError('NOT_FOUND', 'the space has not been loaded yet')
    this.#control.change((d) => {
      d.credentials[credential.id] = new A.ImmutableString(JSON.stringify(credential))
    })
    this.#readCredentials(this.#control.doc())
  }

  #readCredentials(doc: A.Doc<ControlDoc>): void {
    const members = this.#book.read(doc)
    if (!members) return
    const me = this.#context.identity()?.identityKey
    this.set({ members: Object.freeze(members), role: members.find((m) => m.identityKey === me)?.role })
    this.#presence?.membersChanged()
  }

  #readName(doc: A.Doc<DataDoc>): void {
    const raw = doc?.name
    this.set({ name: A.isImmutableString(raw) ? (raw as A.ImmutableString).val : typeof raw === 'string' ? raw : '' })
  }
}

/**
 * Mounts a space for a client: the public {@link Space} plus the controls only its owner holds.
 *
 * @example const { space, attach } = createSpace(record, context)
 */
export function createSpace(record: SpaceRecord, context: SpaceContext): SpaceControl {
  const space = mount(record, context)
  return {
    space,
    secret: record.secret,
    documentIds: { control: record.controlDocId as DocumentId, data: record.dataDocId as DocumentId },
    ...controlsOf(space),
  }
}
