import * as A from '@automerge/automerge'
import { deriveMembers, parseCredential, verifySignature, type Credential, type Member } from '../identity/index.ts'
import type { InboundMessage, SpaceDocument } from '../network/index.ts'
import type { ControlDoc } from './SpaceContext.ts'

/** What a space's gate reads of its space. */
export interface SpaceGateContext {
  readonly spaceId: string
  closed(): boolean
  /** Members by the chain verified so far (empty while none is known). */
  members(): readonly Member[]
  /** The control document as the Repo holds it now, if any. */
  controlDoc(): A.Doc<ControlDoc> | undefined
  /**
   * Called when the set of refused peers changes: the sync status must be judged again then,
   * since a refused message fires no Repo event (the Repo never sees it).
   */
  refusalsChanged?(): void
  /**
   * Called with the changes of a data sync message the gate admitted (at once, or after it
   * waited for the chain), before the Repo sees that message (see applyAhead.ts): the space
   * may apply them to its document now. `mayDefer` (a message admitted at once): it may
   * instead show them and return a promise; the message then reaches the Repo once that
   * resolves (see ShownAhead.ts).
   */
  admittedChanges?(changes: readonly SyncChange[], mayDefer: boolean): Promise<void> | undefined | void
}

/**
 * One change of a sync message: its bytes, and its decoded form (undefined for a document
 * chunk), decoded on first use only: messages refused for who sent them are never decoded op
 * by op.
 */
export class SyncChange {
  readonly bytes: Uint8Array
  #decoded: A.DecodedChange | undefined | null = null

  constructor(bytes: Uint8Array) {
    this.bytes = bytes
  }

  get decoded(): A.DecodedChange | undefined {
    if (this.#decoded === null) {
      try {
        this.#decoded = A.decodeChange(this.bytes)
      } catch {
        this.#decoded = undefined // a document chunk rather than a change: nothing to inspect op by op
      }
    }
    return this.#decoded
  }
}

const SYNC_TYPES = new Set(['sync', 'request'])
/**
 * Deepest nesting one change may create in the data document: the read model reads objects
 * 64 levels deep (data/remoteValues.ts), plus root -> objects -> bucket -> object. Deeper
 * changes cost Automerge seconds to apply (a 1,000-deep one: ~4.9 s), so they are refused
 * before it sees them.
 */
const MAX_CHANGE_NESTING = 64 + 4

/**
 * The checks a space applies to what its peers send before automerge-repo applies it (the
 * network's InboundGate asks the space through `SpaceControl.inbound`): data changes only from
 * writers; control changes only as new credentials with valid signatures; on a copy with no
 * chain yet, control only as a chain from the genesis that shows the sender as a member, and
 * data held until that chain is known.
 *
 * @example const verdict = gate.inbound(peer.identityKey, 'data', message)
 */
export class SpaceGate {
  readonly #context: SpaceGateContext
  readonly #held: HeldMessages
  /** Peers whose changes to a document were refused (their heads are ones we never take). */
  readonly #refusedFrom = { control: new Set<string>(), data: new Set<string>() }
  #refusedCount = 0
  /** The last admitted data message still waiting to reach the Repo (see {@link SpaceGate.inbound}). */
  #deferred: Promise<boolean> | undefined

  constructor(context: SpaceGateContext) {
    this.#context = context
    this.#held = new HeldMessages(() => context.closed() || context.members().length > 0)
  }

  /** Messages about this space refused so far (for `db.stats().refusedMessages`). */
  get refused(): number {
    return this.#refusedCount
  }

  /** Counts a message about this space refused before it reached the gate (see InboundGate). */
  countRefused(): void {
    this.#refusedCount++
  }

  /** True once changes of `peerId` to `document` were refused (for the sync status). */
  refuses(peerId: string, document: SpaceDocument): boolean {
    return this.#refusedFrom[document].has(peerId)
  }

  /** May this member's message about the space's control or data document be applied? */
  inbound(identityKey: string, document: SpaceDocument, message: InboundMessage): boolean | Promise<boolean> {
    const verdict = this.#decide(identityKey, document, message)
    // Counted once per message, also when it waited and was refused later.
    if (verdict === true) {
      const later = this.#admitted(document, message, true)
      // A data message shown ahead reaches the Repo once its change is in the document, and
      // later data messages reach it after that one (the Repo sees them in arrival order).
      if (document === 'data' && (later || this.#deferred)) return this.#defer(later)
    } else if (verdict === false) this.#refusedCount++
    // Registered before the caller's own `then`, so what waited is applied ahead too, just
    // before the Repo gets it (held messages are released in arrival order).
    else
      void verdict.then((ok) => {
        if (ok) this.#admitted(document, message, false)
        else this.#refusedCount++
      })
    return verdict
  }

  /** An admitted data message: the space may apply its changes ahead of the Repo's sync round (applyAhead). */
  #admitted(document: SpaceDocument, message: InboundMessage, mayDefer: boolean): Promise<void> | undefined {
    if (document !== 'data' || !SYNC_TYPES.has(message.type) || !this.#context.admittedChanges || this.#context.closed()) return undefined
    const changes = syncChanges(message.data)
    return (changes?.length && this.#context.admittedChanges(changes, mayDefer)) || undefined
  }

  /** The verdict of an admitted data message that must wait for `later` and for those deferred before it. */
  #defer(later: Promise<void> | undefined): Promise<boolean> {
    const before = this.#deferred
    const after: Promise<boolean> = (before && later ? Promise.all([before, later]) : (before ?? later)!).then(() => {
      if (this.#deferred === after) this.#deferred = undefined
      return true
    })
    this.#deferred = after
    return after
  }

  #decide(identityKey: string, document: SpaceDocument, message: InboundMessage): boolean | Promise<boolean> {
    const verdict = this.#judge(identityKey, document, message)
    const refused = this.#refusedFrom[document]
    if (verdict === false && !refused.has(message.senderId)) {
      refused.add(message.senderId)
      this.#context.refusalsChanged?.()
    }
    // Changes taken again (e.g. the reader became an editor): its heads count again.
    else if (verdict === true && refused.has(message.senderId) && SYNC_TYPES.has(message.type) && changesIn(message.data)) {
      refused.delete(message.senderId)
      this.#context.refusalsChanged?.()
    }
    return verdict
  }

  #judge(identityKey: string, document: SpaceDocument, message: InboundMessage): boolean | Promise<boolean> {
    const { spaceId } = this.#context
    if (this.#context.closed()) return false
    const members = this.#context.members()
    const changes = SYNC_TYPES.has(message.type) ? changesIn(message.data) : 0
    if (changes === undefined) return false
    const wait = () => this.#held.hold(() => this.#decide(identityKey, document, message))
    if (!members.length) {
      // No chain yet: data and presence wait for it; the control document is taken only as a
      // chain from the genesis the space id commits to, in which the sender is a member.
      if (document === 'data' || message.type === 'ephemeral') return wait()
      if (!changes) return true
      const before = this.#context.controlDoc()
      const after = controlAfter(before, message.data!)
      return !!after && onlyAddsCredentials(spaceId, before, after) && membersOf(spaceId, after).some((m) => m.identityKey === identityKey)
    }
    // Messages that waited keep their order: later data messages wait behind them.
    if (this.#held.waiting && document === 'data') return wait()
    const member = members.find((m) => m.identityKey === identityKey)
    if (!member) return false
    if (!changes) return true
    if (document === 'data') return member.role !== 'reader' && nestingOf(message.data!) <= MAX_CHANGE_NESTING
    const before = this.#context.controlDoc()
    const after = controlAfter(before, message.data!)
    return !!after && onlyAddsCredentials(spaceId, before, after)
  }

  /** Refuses every message still waiting (the space closed). */
  close(): void {
    this.#held.close()
  }
}

// The checks below are pure functions over Automerge documents and sync messages, so they can
// be reasoned about and tested alone.

/** The credentials in a control document that parse (keyed by id; a key must equal its id). */
export function credentialsOf(doc: A.Doc<ControlDoc> | undefined): Map<string, Credential> {
  const out = new Map<string, Credential>()
  const raw = doc?.credentials
  if (!raw || typeof raw !== 'object') return out
  for (const key of Object.keys(raw)) {
    const text = textOf(raw[key])
    const credential = text !== undefined ? parseCredential(text) : null
    // Malformed credentials are ignored; verification happens in deriveMembers.
    if (credential && credential.id === key) out.set(key, credential)
  }
  return out
}

/** Members by the chain in a control document, verified from the genesis `spaceId` commits to. */
export function membersOf(spaceId: string, doc: A.Doc<ControlDoc> | undefined): Member[] {
  return deriveMembers(spaceId, credentialsOf(doc).values())
}

/**
 * How many changes a sync message carries; undefined when it does not decode (then it is
 * refused: the Repo would fail on it too).
 */
export function changesIn(data: Uint8Array | undefined): number | undefined {
  if (!data) return 0
  return syncChanges(data)?.length
}

/**
 * The changes of a sync message, each decoded once; undefined when the message does not
 * decode. The gate asks several questions of one message (how many changes, how deep, what to
 * apply ahead), so the decoded form is kept with the message's bytes while they live.
 */
export function syncChanges(data: Uint8Array | undefined): readonly SyncChange[] | undefined {
  if (!data) return []
  if (decodedSync.has(data)) return decodedSync.get(data)
  let changes: SyncChange[] | undefined
  try {
    changes = A.decodeSyncMessage(data).changes.map((bytes) => new SyncChange(bytes))
  } catch {
    changes = undefined // not a sync message: refused by the caller
  }
  decodedSync.set(data, changes)
  return changes
}

const decodedSync = new WeakMap<Uint8Array, SyncChange[] | undefined>()


/**
 * The deepest nesting the changes of a sync message create, counted from the objects they
 * attach to (an object made in an earlier change counts as depth 0, so this is a lower bound).
 * Changes sent in Automerge's whole-document form are not decoded here (0).
 */
export function nestingOf(data: Uint8Array): number {
  let deepest = 0
  // Not a sync message: refused by changesIn already. A document chunk (no decoded form) has
  // nothing to inspect op by op.
  for (const { decoded: change } of syncChanges(data) ?? []) {
    if (!change) continue
    const depth = new Map<string, number>()
    change.ops.forEach((op, i) => {
      if (!op.action.startsWith('make')) return
      const d = (depth.get(op.obj) ?? 0) + 1
      depth.set(`${change.startOp + i}@${change.actor}`, d)
      if (d > deepest) deepest = d
    })
  }
  return deepest
}

/**
 * The control document as it would be after applying `data` (a sync message), or undefined
 * when the message does not decode or apply. Works on a copy: nothing is applied for real.
 */
export function controlAfter(doc: A.Doc<ControlDoc> | undefined, data: Uint8Array): A.Doc<ControlDoc> | undefined {
  try {
    const base = doc ? A.clone(doc) : A.init<ControlDoc>()
    const [after] = A.receiveSyncMessage(base, A.initSyncState(), data)
    return after
  } catch {
    return undefined // a message Automerge refuses is refused here too
  }
}

/**
 * True when `after` only adds to `before`: every credential of `before` is still there with
 * the same text, every new one parses, has its id as key and a valid signature, and the space
 * id is unchanged. Authority (who may grant what) is then decided by deriveMembers on every
 * peer; this stops a member from deleting or overwriting credentials (e.g. its own removal)
 * or hiding them behind a conflicting map.
 */
export function onlyAddsCredentials(spaceId: string, before: A.Doc<ControlDoc> | undefined, after: A.Doc<ControlDoc>): boolean {
  const rawBefore = (before?.credentials ?? {}) as Record<string, unknown>
  const rawAfter = after.credentials as Record<string, unknown> | undefined
  if (!rawAfter || typeof rawAfter !== 'object') return false
  for (const key of Object.keys(rawBefore)) {
    if (textOf(rawAfter[key]) !== textOf(rawBefore[key])) return false
  }
  for (const key of Object.keys(rawAfter)) {
    if (key in rawBefore) continue
    const text = textOf(rawAfter[key])
    const credential = text !== undefined ? parseCredential(text) : null
    if (!credential || credential.id !== key || credential.spaceId !== spaceId || !verifySignature(credential)) return false
  }
  const id = textOf(after.spaceId)
  return id === undefined || id === spaceId
}

function textOf(value: unknown): string | undefined {
  if (A.isImmutableString(value)) return (value as A.ImmutableString).val
  return typeof value === 'string' ? value : undefined
}

/** How long a message may wait for a space's chain before it is refused. */
const HOLD_MS = 30_000
/** At most this many messages wait per space; more are refused (a flood must not grow memory). */
const HOLD_MAX = 1_000
/** How often a waiting space looks whether its chain has arrived. */
const POLL_MS = 100

/**
 * Messages that wait until a loading space knows its members (data that arrives before the
 * control document). Released in arrival order once `ready()` turns true, refused once it
 * waited too long or the space closed. automerge-repo has no way to ask a peer to resend a
 * sync message later, so holding is what keeps a new copy from stalling.
 *
 * @example const verdict = held.hold(() => decide(message))
 */
export class HeldMessages {
  readonly #ready: () => boolean
  #queue: { decide: () => boolean | Promise<boolean>; resolve: (ok: boolean) => void }[] = []
  #timer: ReturnType<typeof setTimeout> | undefined
  #since = 0

  constructor(ready: () => boolean) {
    this.#ready = ready
  }

  /** True while messages wait (later ones must wait behind them to keep their order). */
  get waiting(): boolean {
    return this.#queue.length > 0
  }

  /** Holds a message; `decide` runs once the space is ready. */
  hold(decide: () => boolean | Promise<boolean>): Promise<boolean> {
    if (this.#queue.length >= HOLD_MAX) return Promise.resolve(false)
    if (!this.#queue.length) this.#since = Date.now()
    return new Promise((resolve) => {
      this.#queue.push({ decide, resolve })
      this.#schedule()
    })
  }

  /** Refuses everything still waiting (the space closed). */
  close(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    for (const { resolve } of this.#queue.splice(0)) resolve(false)
  }

  #schedule(): void {
    if (this.#timer) return
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      const ready = this.#ready()
      if (!ready && Date.now() - this.#since < HOLD_MS) return this.#schedule()
      for (const { decide, resolve } of this.#queue.splice(0)) {
        if (!ready) resolve(false)
        else Promise.resolve(decide()).then(resolve, () => resolve(false))
      }
    }, POLL_MS)
  }
}
