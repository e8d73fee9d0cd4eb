import nacl from 'tweetnacl'
import type { Signaling } from '../network/index.ts'
import type { Credential, Role } from '../identity/index.ts'
import { EchoError, randomBytes, Store, toEchoError, toHex } from '../shared/index.ts'
import { displayText } from './displayText.ts'
import { encodeInvitationCode, type InvitationKind } from './InvitationCode.ts'
import { codesEqual, generateAuthCode, SALT_BYTES, SealedChannel, type SealedMessage } from './SealedChannel.ts'
import { HelloBudget } from './HelloBudget.ts'
import { parseGuest, provesKeys } from './parseGuest.ts'
import { leaseTopic } from './topicLease.ts'

/** Invitation states, the same on host and guest. */
export type InvitationState =
  | 'init'
  | 'connecting'
  | 'connected'
  | 'ready-for-auth'
  | 'authenticating'
  | 'success'
  | 'cancelled'
  | 'expired'
  | 'error'

/** Snapshot of a host-side invitation. */
export interface InvitationSnapshot {
  state: InvitationState
  kind: InvitationKind
  code: string
  /** The 6-digit code to show the guest, once a guest is connected. */
  authCode?: string | undefined
  attemptsLeft: number
  expiresAt: number
  error?: EchoError | undefined
  /** Which side cancelled, when state is 'cancelled'. */
  cancelledBy?: 'host' | 'guest' | undefined
  /** Who joined, once successful. */
  guest?: { identityKey: string; deviceKey: string; displayName?: string } | undefined
}

/** Options of `space.createInvitation()` / `client.createDeviceInvitation()`. */
export interface InvitationOptions {
  /** Role given to the guest (space invitations). Default 'editor'. */
  role?: Role | undefined
  /** Lifetime in ms. Default 10 minutes. */
  expiresIn?: number | undefined
  /** Wrong codes allowed before the invitation dies. Default 3. */
  maxAttempts?: number | undefined
}

/** What a guest proves about itself inside the encrypted channel. */
export interface GuestInfo {
  identityKey?: string | undefined
  deviceKey: string
  displayName?: string | undefined
  deviceCredential?: Credential | undefined
}

/** What a host-side invitation is given by whoever creates it (a space, or the client for devices). */
export interface InvitationContext {
  signaling(): Signaling
  /** Completes a successful invitation; returns the payload for the guest. */
  admit(guest: GuestInfo): Promise<Record<string, unknown>>
  /**
   * Who invites, and to what: told to a guest once it proved it knows the code, so it can say
   * "Ada invited you to Board" before the auth code is typed. The guest treats both as claims.
   */
  about?(): { hostName?: string; spaceName?: string }
}

const TERMINAL: ReadonlySet<InvitationState> = new Set(['success', 'cancelled', 'expired', 'error'])
const HEX64 = /^[0-9a-f]{64}$/

/** A guest that said hello and was sent a challenge, but has not answered it yet. */
interface Candidate {
  channel: SealedChannel
  /** The guest's X25519 key (hex) this channel was made with. */
  guestKey: string
  nonce: string
  /** The sealed challenge with its salt in clear, kept to re-send the same bytes if the hello is repeated. */
  challenge: SealedMessage & { s: string }
}

/** The guest holding the slot: it answered a challenge, so it knows the code. */
interface BoundGuest extends Candidate {
  peer: string
}

// Candidates kept at once; the oldest is dropped first. A guest whose entry was dropped says
// hello again (Joining repeats its hello while unanswered).
const MAX_CANDIDATES = 16

/**
 * The host side of an invitation: a random topic and X25519 key pair, a code for the guest (also
 * as a link), and once a guest connects, a 6-digit auth code to show them. Single use.
 *
 * The protocol (all but the first message sealed with the key agreement of the guest's fresh
 * key and the invitation key, see {@link SealedChannel}):
 * 1. guest: `hello` (clear: its fresh key). Host: a `challenge` with a random nonce. Nothing is
 *    bound yet, so a hello alone (from a relay or anyone) takes no slot from a real guest.
 * 2. guest: `ready` (the nonce and the code's fields). Opening it proves the guest knows the code
 *    and holds its fresh key; the host refuses fields that differ from what it issued (a
 *    re-encoded code). Only now is the slot bound (one guest at a time), the auth code made,
 *    and `bound` sent, with the host's and the space's names (`about`, claims the guest shows
 *    as such). State `ready-for-auth`.
 * 3. guest: `auth` (the 6-digit code, the keys it presents, and a signature with its device key
 *    over {@link authTranscript}). The code is compared in constant time; after `maxAttempts`
 *    wrong codes the invitation is dead. A guest that cannot sign for the keys it presents is
 *    refused and nobody is admitted.
 *
 * Only the host ends the invitation (`cancel()`): a guest that cancels frees the slot for
 * another try, and a code holder who is not the host cannot end it (it can still use up the
 * wrong-code attempts, which is what bounds guessing).
 *
 * @example
 * const invitation = space.createInvitation()
 * invitation.subscribe(() => {
 *   const { state, authCode } = invitation.getSnapshot()
 *   if (state === 'ready-for-auth') show(authCode)
 * })
 * share(invitation.code)
 */
export class Invitation extends Store<InvitationSnapshot> {
  readonly kind: InvitationKind
  readonly #host: InvitationContext
  readonly #keys = nacl.box.keyPair()
  readonly #publicKey = toHex(this.#keys.publicKey)
  readonly #id = toHex(randomBytes(16))
  readonly #topic = toHex(randomBytes(16))
  #signaling: Signaling | undefined
  #candidates = new Map<string, Candidate>()
  readonly #budget = new HelloBudget()
  #guest: BoundGuest | undefined
  #authCode: string | undefined
  #off: (() => void)[] = []
  #timer: ReturnType<typeof setTimeout> | undefined
  #busy = false

  constructor(kind: InvitationKind, host: InvitationContext, options: InvitationOptions = {}) {
    const expiresIn = options.expiresIn ?? 10 * 60_000
    if (!(expiresIn > 0)) throw new EchoError('INVALID_VALUE', 'expiresIn must be a positive number of ms')
    const expiresAt = Math.ceil((Date.now() + expiresIn) / 1000) * 1000
    const maxAttempts = options.maxAttempts ?? 3
    super({ state: 'init', kind, code: '', attemptsLeft: maxAttempts, expiresAt })
    this.kind = kind
    this.#host = host
    const code = encodeInvitationCode({ kind, id: this.#id, topic: this.#topic, publicKey: this.#publicKey, expiresAt })
    this.set({ code })
    this.#start(expiresAt)
  }

  /** The invitation code (URL-safe). */
  get code(): string {
    return this.getSnapshot().code
  }

  /** Current state. */
  get state(): InvitationState {
    return this.getSnapshot().state
  }

  /** The 6-digit code to show the guest, once connected. */
  get authCode(): string | undefined {
    return this.getSnapshot().authCode
  }

  /** Error details when state is 'error' (or 'expired'). */
  get error(): EchoError | undefined {
    return this.getSnapshot().error
  }

  /**
   * A link that opens the app's join flow: `<base>#join=CODE`.
   *
   * @example invitation.link('https://app.example/') // 'https://app.example/#join=…'
   */
  link(base: string): string {
    return `${base.split('#')[0]}#join=${this.code}`
  }

  /** Cancels the invitation (the guest sees 'cancelled'). Only the host can end an invitation. */
  cancel(): void {
    if (TERMINAL.has(this.state)) return
    this.#tellEveryone({ t: 'cancel' })
    this.set({ cancelledBy: 'host' })
    this.#finish('cancelled')
  }

  #start(expiresAt: number): void {
    this.#timer = setTimeout(() => {
      if (TERMINAL.has(this.state)) return
      this.#tellEveryone({ t: 'expired' })
      this.#finish('expired', new EchoError('INVITATION_EXPIRED', 'the invitation expired'))
    }, Math.max(0, expiresAt - Date.now()))
    try {
      this.#signaling = this.#host.signaling()
    } catch (error) {
      queueMicrotask(() => this.#finish('error', toEchoError(error, 'NETWORK_FAILED')))
      return
    }
    const s = this.#signaling
    const lease = leaseTopic(s, this.#topic)
    this.#off.push(
      () => lease.release(),
      s.on('signal', ({ topic, from, data }) => {
        if (topic === this.#topic) this.#onSignal(from, data)
      }),
      s.on('peer-left', ({ topic, peerId }) => {
        if (topic !== this.#topic || TERMINAL.has(this.state)) return
        this.#candidates.delete(peerId)
        // The guest went away before finishing: wait for another attempt.
        if (peerId === this.#guest?.peer && !this.#busy) this.#unbind()
      }),
    )
    this.set({ state: 'connecting' })
  }

  #onSignal(from: string, data: unknown): void {
    if (TERMINAL.has(this.state)) return
    const msg = data as Record<string, unknown>
    if (msg && typeof msg === 'object' && msg.t === 'hello') return this.#onHello(from, msg)
    const guest = this.#guest
    if (guest && guest.peer === from) {
      const inner = guest.channel.open(data)
      if (inner) {
        if (inner.t === 'cancel' && !this.#busy) this.#unbind(new EchoError('CANCELLED', 'the guest cancelled joining; the invitation stays open for another try'))
        else if (inner.t === 'auth' && !this.#busy) void this.#onAuth(guest, inner)
        return
      }
    }
    const candidate = this.#candidates.get(from)
    const inner = candidate?.channel.open(data)
    if (!candidate || !inner || inner.t !== 'ready') return // forged, replayed or not for us: dropped
    this.#candidates.delete(from)
    if (inner.nonce !== candidate.nonce) return // an answer to another challenge
    if (!this.#sameCode(inner.code)) {
      this.#sendTo(from, candidate.channel, { t: 'refused', code: 'INVALID_INVITATION' })
      return
    }
    // One guest at a time; the same client may replace its own earlier attempt.
    if ((guest && guest.peer !== from) || this.#busy) return
    // Its earlier attempt (say, a join flow mounted twice) learns it was replaced, not left hanging.
    if (guest) this.#send({ t: 'replaced' })
    this.#guest = { ...candidate, peer: from }
    this.#authCode = generateAuthCode()
    this.set({ state: 'connected' })
    this.#send({ t: 'bound', kind: this.kind, attemptsLeft: this.getSnapshot().attemptsLeft, ...this.#about() })
    this.set({ state: 'ready-for-auth', authCode: this.#authCode })
  }

  #onHello(from: string, msg: Record<string, unknown>): void {
    const g = msg.g
    if (msg.v !== 2 || typeof g !== 'string' || !HEX64.test(g)) return
    if (this.#guest && (this.#guest.peer !== from || this.#guest.guestKey === g)) return
    const known = this.#candidates.get(from)
    // A repeated hello gets the very same sealed bytes: a new seal would be new content under a used nonce.
    if (known?.guestKey === g) return void this.#sendRaw(from, known.challenge)
    if (!this.#budget.take(from, Date.now())) return // a flood of new keys: see HelloBudget
    const salt = randomBytes(SALT_BYTES)
    let channel: SealedChannel
    try {
      channel = new SealedChannel('host', g, this.#keys.secretKey, salt)
    } catch {
      return // not a usable X25519 key: this hello is ignored
    }
    const nonce = toHex(randomBytes(16))
    const challenge = { ...channel.seal({ t: 'challenge', nonce, kind: this.kind }), s: toHex(salt) }
    const candidate: Candidate = { channel, guestKey: g, nonce, challenge }
    this.#candidates.delete(from)
    this.#candidates.set(from, candidate)
    if (this.#candidates.size > MAX_CANDIDATES) this.#candidates.delete(this.#candidates.keys().next().value!)
    this.#sendRaw(from, candidate.challenge)
  }

  /** The host's name and the space's name for the `bound` message; a failing lookup just leaves them out. */
  #about(): { hostName?: string; spaceName?: string } {
    let about: { hostName?: string; spaceName?: string } | undefined
    try {
      about = this.#host.about?.()
    } catch {
      return {} // e.g. the space closed meanwhile: the guest sees no names, the flow goes on
    }
    const hostName = displayText(about?.hostName)
    const spaceName = displayText(about?.spaceName)
    return { ...(hostName ? { hostName } : {}), ...(spaceName ? { spaceName } : {}) }
  }

  #sameCode(code: unknown): boolean {
    const c = code as Record<string, unknown> | null
    return !!c && typeof c === 'object' && c.id === this.#id && c.topic === this.#topic && c.kind === this.kind && c.expiresAt === this.getSnapshot().expiresAt
  }

  /** Frees the slot: the bound guest left or cancelled; another guest may try. */
  #unbind(reason?: EchoError): void {
    this.#guest = undefined
    this.#authCode = undefined
    this.set({ state: 'connecting', authCode: undefined, ...(reason ? { error: reason } : {}) })
  }

  async #onAuth(guest: BoundGuest, msg: Record<string, unknown>): Promise<void> {
    this.#busy = true
    this.set({ state: 'authenticating' })
    const attemptsBefore = this.getSnapshot().attemptsLeft
    try {
      const ok = typeof msg.code === 'string' && codesEqual(msg.code, this.#authCode ?? '')
      if (!ok) {
        const attemptsLeft = attemptsBefore - 1
        if (attemptsLeft <= 0) {
          this.#send({ t: 'result', ok: false, code: 'TOO_MANY_ATTEMPTS', attemptsLeft: 0 })
          this.set({ attemptsLeft: 0 })
          this.#finish('error', new EchoError('TOO_MANY_ATTEMPTS', 'too many wrong codes; the invitation is closed'))
        } else {
          this.#send({ t: 'result', ok: false, code: 'AUTH_FAILED', attemptsLeft })
          this.set({ state: 'ready-for-auth', attemptsLeft, error: new EchoError('AUTH_FAILED', `wrong code; ${attemptsLeft} attempt(s) left`) })
        }
        return
      }
      const info = parseGuest(msg, this.kind)
      const proven =
        info &&
        provesKeys(msg.sig, info.deviceKey, {
          kind: this.kind,
          id: this.#id,
          invitationKey: this.#publicKey,
          guestKey: guest.guestKey,
          nonce: guest.nonce,
          attemptsLeft: attemptsBefore,
          code: msg.code as string,
          identityKey: info.identityKey ?? '',
          deviceKey: info.deviceKey,
        })
      if (!info || !proven) {
        this.#send({ t: 'result', ok: false, code: 'INVALID_INVITATION' })
        const why = info ? 'the guest could not sign for the keys it presented' : 'the guest sent an invalid identity'
        this.#finish('error', new EchoError('INVALID_INVITATION', `${why}; nobody was admitted`))
        return
      }
      const payload = await this.#host.admit(info)
      this.#send({ t: 'result', ok: true, ...payload })
      this.set({ guest: { identityKey: info.identityKey ?? '', deviceKey: info.deviceKey, displayName: info.displayName } })
      this.#finish('success')
    } catch (error) {
      this.#send({ t: 'result', ok: false, code: 'AUTH_FAILED' })
      this.#finish('error', toEchoError(error, 'AUTH_FAILED'))
    } finally {
      this.#busy = false
    }
  }

  /** Sends to the bound guest, if any. */
  #send(message: Record<string, unknown>): void {
    if (this.#guest) this.#sendTo(this.#guest.peer, this.#guest.channel, message)
  }

  /** Tells the bound guest and every candidate (so none waits for its timeout). */
  #tellEveryone(message: Record<string, unknown>): void {
    this.#send(message)
    for (const [peer, candidate] of this.#candidates) this.#sendTo(peer, candidate.channel, message)
  }

  #sendTo(peer: string, channel: SealedChannel, message: Record<string, unknown>): void {
    this.#sendRaw(peer, channel.seal(message))
  }

  #sendRaw(peer: string, sealed: SealedMessage | (SealedMessage & { s: string })): void {
    try {
      this.#signaling?.send(this.#topic, peer, sealed)
    } catch {
      // Offline: the guest repeats its hello, or times out / sees expiry.
    }
  }

  #finish(state: InvitationState, error?: EchoError): void {
    clearTimeout(this.#timer)
    for (const off of this.#off.splice(0)) off()
    this.#candidates.clear()
    this.#keys.secretKey.fill(0)
    this.set({ state, ...(error ? { error } : {}), ...(state === 'success' ? { error: undefined } : {}) })
  }
}
