import type { DocHandle, PeerId, Repo } from '@automerge/automerge-repo'
import type { Member } from '../identity/index.ts'
import { EchoError, Store } from '../shared/index.ts'

/** App state a device shares with `setPresence`: plain JSON (null, booleans, finite numbers, strings, arrays, objects). */
export type PresenceState = null | boolean | number | string | readonly PresenceState[] | { readonly [key: string]: PresenceState }

/** One connected device of a member, as this client sees it. */
export interface PresencePeer {
  /** The member's identity key (proven by the device's session, never taken from the message). */
  readonly identityKey: string
  /** The device's key: one entry per connected device. */
  readonly deviceKey: string
  /** The member's name as the space's credentials know it ('' when they name none). */
  readonly displayName: string
  /** What the device shared with `setPresence` (null until it shares something). */
  readonly state: PresenceState
  /** When this client last heard from the device (ms since the epoch). */
  readonly lastSeen: number
}

/** What a render shows of presence; a new object exactly when one of these changes. */
export interface PresenceSnapshot {
  /** Other devices of members here now, in the order they arrived. This device is not among them. */
  readonly peers: readonly PresencePeer[]
  /** This device's own state (what it shares). */
  readonly state: PresenceState
}

/** Counters of presence messages dropped (for tests and devtools). */
export interface PresenceStats {
  /** Presence messages from peers dropped: oversize or not JSON, or from no member. */
  dropped: number
}

/** Who sent a message the Repo delivered (see `SpaceContext.sender`). */
export type PresenceSender = { identityKey: string; deviceKey: string } | 'local' | undefined

/** What presence reads of its space and client. */
export interface PresenceContext {
  /** This device's keys, or undefined without an identity (then nothing is sent). */
  self(): { identityKey: string; deviceKey: string } | undefined
  members(): readonly Member[]
  /**
   * The proven sender of a delivered message: the verified peer of a session, 'local' for a
   * trusted local link (tabs of this device, `linkClients`), undefined when unknown.
   */
  sender(peerId: string): PresenceSender
}

/** Largest state one device may share, in bytes of its JSON. */
export const MAX_PRESENCE_BYTES = 8 * 1024
/** How often a device repeats its state, so others know it is still here. */
export const HEARTBEAT_MS = 1_000
/** A device not heard from for this long is gone (closed, offline): with the heartbeat, gone within 4 s. */
export const PRESENCE_TIMEOUT_MS = 3_000
const MAX_DEPTH = 32

/** The owner's handle on a space's presence. */
export interface PresenceControl {
  readonly presence: Presence
  /** Starts sending and hearing presence on the space's data document. */
  attach(handle: DocHandle<unknown>, repo: Repo): void
  /** Membership changed: entries of removed members go, names follow the credentials. */
  membersChanged(): void
  /** Says goodbye to the peers and stops. */
  close(): void
}

let controlsOf: (presence: Presence) => Omit<PresenceControl, 'presence'>

/**
 * Who is here now: one entry per connected device of a member, with the state each shares
 * (`setPresence`). Live (`subscribe` + `getSnapshot`), never persisted. Presence travels as
 * automerge-repo ephemeral messages on the space's data document, so only the space's members
 * (by the verified sessions and access control) send and receive it; who sent an entry is the
 * session's proven device, whatever the message says.
 *
 * @example
 * space.presence.setPresence({ viewing: task['@id'] })
 * space.presence.subscribe(() => console.log(space.presence.peers.map((p) => p.displayName)))
 */
export class Presence extends Store<PresenceSnapshot> {
  readonly #context: PresenceContext
  /** Entries by device key, with the peer id that last spoke for the device. */
  readonly #entries = new Map<string, { peer: PresencePeer; peerId: string }>()
  #handle: DocHandle<unknown> | undefined
  #timer: ReturnType<typeof setInterval> | undefined
  #pending = false
  #closed = false
  #dropped = 0
  #cleanup: (() => void)[] = []
  /**
   * Set once presence is used here (the app reads `peers`, subscribes or shares state) or by a
   * member's device (its presence arrives): only then does this device announce itself every
   * second. Where no device of a space uses presence, nothing is sent.
   */
  #inUse = false

  static {
    controlsOf = (p) => ({
      attach: (h, r) => p.#attach(h, r),
      membersChanged: () => p.#membersChanged(),
      close: () => p.#close(),
    })
  }

  /** Use `space.presence`. */
  protected constructor(context: PresenceContext) {
    super({ peers: [], state: null })
    this.#context = context
    // Subscribing is using presence (a `usePresence` render): Store's subscribe, marked as use.
    const subscribe = this.subscribe
    this.subscribe = (listener) => {
      this.#use()
      return subscribe(listener)
    }
  }

  /** Other devices of members here now (same array until something changes). */
  get peers(): readonly PresencePeer[] {
    this.#use()
    return this.getSnapshot().peers
  }

  /** This device's own shared state. */
  get state(): PresenceState {
    return this.getSnapshot().state
  }

  /**
   * Shares `state` (JSON, at most {@link MAX_PRESENCE_BYTES} bytes) with the space's other
   * devices, replacing what this device shared before. Pass a function to update from the
   * current state. Throws `INVALID_VALUE` for anything that is not JSON, `TOO_LARGE` when it is
   * too big; nothing is shared then.
   *
   * @example space.presence.setPresence((s) => ({ ...(s as object), viewing: id }))
   */
  setPresence(state: PresenceState | ((current: PresenceState) => PresenceState)): void {
    if (this.#closed) throw new EchoError('CLOSED', 'this space is closed (left, or its client was closed)')
    const next = typeof state === 'function' ? state(this.state) : state
    const problem = jsonProblem(next, 0)
    if (problem) throw new EchoError('INVALID_VALUE', `presence state must be JSON: ${problem}`)
    const json = JSON.stringify(next)
    const bytes = new TextEncoder().encode(json).length
    if (bytes > MAX_PRESENCE_BYTES) throw new EchoError('TOO_LARGE', `presence state is ${bytes} bytes of JSON; at most ${MAX_PRESENCE_BYTES} are shared`)
    this.#use()
    if (json === JSON.stringify(this.state)) return
    // A frozen copy: the caller's object stays theirs to change.
    this.set({ state: deepFreeze(JSON.parse(json) as PresenceState) })
    this.#schedule()
  }

  /** Counters of dropped presence messages. */
  stats(): PresenceStats {
    return { dropped: this.#dropped }
  }

  #attach(handle: DocHandle<unknown>, repo: Repo): void {
    if (this.#closed) return
    this.#handle = handle
    const onMessage = ({ senderId, message }: { senderId: PeerId; message: unknown }) => this.#receive(senderId, message)
    const onGone = ({ peerId }: { peerId: PeerId }) => this.#removePeer(peerId)
    handle.on('ephemeral-message', onMessage)
    repo.networkSubsystem.on('peer-disconnected', onGone)
    this.#cleanup.push(() => handle.off('ephemeral-message', onMessage))
    this.#cleanup.push(() => repo.networkSubsystem.off('peer-disconnected', onGone))
    if (this.#inUse) this.#start()
  }

  /** The app uses presence: announce this device from now on (once the document is here). */
  #use(): void {
    if (this.#inUse) return
    this.#inUse = true
    if (this.#handle && !this.#closed) this.#start()
  }

  #start(): void {
    this.#timer = setInterval(() => this.#tick(), HEARTBEAT_MS)
    // Node: a heartbeat alone must not keep a process alive.
    ;(this.#timer as { unref?: () => void }).unref?.()
    this.#send()
  }

  #close(): void {
    if (this.#closed) return
    if (this.#handle && this.#inUse) this.#broadcast({ echoPresence: 1, leave: true })
    this.#closed = true
    clearInterval(this.#timer)
    for (const fn of this.#cleanup.splice(0)) fn()
    this.#entries.clear()
    this.set({ peers: [] })
  }

  /** Several `setPresence` calls in one task go out as one message. */
  #schedule(): void {
    if (this.#pending || !this.#handle || !this.#inUse) return
    this.#pending = true
    queueMicrotask(() => {
      this.#pending = false
      this.#send()
    })
  }

  #tick(): void {
    this.#send()
    const cutoff = Date.now() - PRESENCE_TIMEOUT_MS
    let changed = false
    for (const [key, { peer }] of this.#entries) {
      if (peer.lastSeen < cutoff) changed = this.#entries.delete(key) || changed
    }
    if (changed) this.#publish()
  }

  #send(): void {
    const self = this.#context.self()
    // Without an identity no session opens: there is nobody to tell.
    if (!self || this.#closed) return
    // `from` is read only over trusted local links; a session's peer is known by its proof.
    this.#broadcast({ echoPresence: 1, state: this.state, from: { identityKey: self.identityKey, deviceKey: self.deviceKey } })
  }

  #broadcast(message: Record<string, unknown>): void {
    try {
      this.#handle?.broadcast(message)
    } catch {
      // The document was unloaded under us (the client is closing): nobody left to tell.
    }
  }

  #receive(senderId: string, message: unknown): void {
    // Other ephemeral messages on the document (the app's own) are not presence.
    if (!isRecord(message) || message.echoPresence !== 1 || this.#closed) return
    const sender = this.#context.sender(senderId)
    let keys: { identityKey: string; deviceKey: string } | undefined
    if (sender === 'local') {
      // Tabs of this device and in-process links are trusted like this device (see linkClients).
      const from = message.from
      if (isRecord(from) && typeof from.identityKey === 'string' && typeof from.deviceKey === 'string') keys = { identityKey: from.identityKey, deviceKey: from.deviceKey }
    } else keys = sender
    if (!keys) return this.#drop()
    if (keys.deviceKey === this.#context.self()?.deviceKey) return // this device, in another tab
    if (message.leave === true) return this.#removePeer(senderId, keys.deviceKey)
    const members = this.#context.members()
    // No chain verified here yet: not judged now; the sender repeats itself within a second.
    if (!members.length) return
    const member = members.find((m) => m.identityKey === keys.identityKey)
    if (!member) return this.#drop()
    const state = message.state === undefined ? null : message.state
    if (jsonProblem(state, 0) || byteLength(state) > MAX_PRESENCE_BYTES) return this.#drop()
    const before = this.#entries.get(keys.deviceKey)
    const peer: PresencePeer = Object.freeze({
      identityKey: keys.identityKey,
      deviceKey: keys.deviceKey,
      displayName: member.displayName ?? '',
      state: before && sameJson(before.peer.state, state) ? before.peer.state : deepFreeze(state as PresenceState),
      lastSeen: Date.now(),
    })
    this.#entries.set(keys.deviceKey, { peer, peerId: senderId })
    this.#publish()
    // A device new here hears from us now rather than at our next beat (it answers in kind once).
    if (!this.#inUse) this.#use()
    else if (!before) this.#schedule()
  }

  #removePeer(peerId: string, deviceKey?: string): void {
    let changed = false
    for (const [key, entry] of this.#entries) {
      if (entry.peerId === peerId && (deviceKey === undefined || key === deviceKey)) changed = this.#entries.delete(key) || changed
    }
    if (changed) this.#publish()
  }

  #membersChanged(): void {
    const members = new Map(this.#context.members().map((m) => [m.identityKey, m]))
    let changed = false
    for (const [key, entry] of this.#entries) {
      const member = members.get(entry.peer.identityKey)
      if (!member) changed = this.#entries.delete(key) || changed
      else if ((member.displayName ?? '') !== entry.peer.displayName) {
        entry.peer = Object.freeze({ ...entry.peer, displayName: member.displayName ?? '' })
        changed = true
      }
    }
    if (changed) this.#publish()
  }

  #publish(): void {
    this.set({ peers: Object.freeze([...this.#entries.values()].map((e) => e.peer)) })
  }

  #drop(): void {
    this.#dropped++
  }
}

/**
 * Mounts presence for a space: the public {@link Presence} plus the controls its space holds.
 *
 * @example const { presence, attach } = createPresence(context)
 */
export function createPresence(context: PresenceContext): PresenceControl {
  const presence = new (Presence as unknown as new (c: PresenceContext) => Presence)(context)
  return { presence, ...controlsOf(presence) }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Why `value` is not plain JSON, or undefined when it is. */
function jsonProblem(value: unknown, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return `nested deeper than ${MAX_DEPTH} levels`
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${value} is not a JSON number`
  if (Array.isArray(value)) {
    for (const item of value) {
      const p = jsonProblem(item, depth + 1)
      if (p) return p
    }
    return undefined
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value)
    if (proto !== Object.prototype && proto !== null) return `${proto?.constructor?.name ?? 'an object'} is not a plain object`
    for (const key of Object.keys(value)) {
      const p = jsonProblem((value as Record<string, unknown>)[key], depth + 1)
      if (p) return p
    }
    return undefined
  }
  return `${typeof value} is not JSON`
}

function byteLength(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key])
    Object.freeze(value)
  }
  return value
}
