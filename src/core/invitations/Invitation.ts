import nacl from 'tweetnacl'
import type { Signaling } from '../network/index.ts'
import { parseCredential, verifySignature, type Credential, type Role } from '../identity/index.ts'
import { EchoError, toEchoError } from '../shared/index.ts'
import { toHex } from '../shared/index.ts'
import { encodeInvitationCode, type InvitationKind } from './InvitationCode.ts'
import { randomBytes } from '../shared/index.ts'
import { codesEqual, generateAuthCode, SealedChannel } from './SealedChannel.ts'
import { Store } from '../shared/index.ts'

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
  authCode?: string
  attemptsLeft: number
  expiresAt: number
  error?: EchoError
  /** Which side cancelled, when state is 'cancelled'. */
  cancelledBy?: 'host' | 'guest'
  /** Who joined, once successful. */
  guest?: { identityKey: string; deviceKey: string; displayName?: string }
}

/** Options of `space.createInvitation()` / `client.createDeviceInvitation()`. */
export interface InvitationOptions {
  /** Role given to the guest (space invitations). Default 'editor'. */
  role?: Role
  /** Lifetime in ms. Default 10 minutes. */
  expiresIn?: number
  /** Wrong codes allowed before the invitation dies. Default 3. */
  maxAttempts?: number
}

/** What a guest proves about itself inside the encrypted channel. */
export interface GuestInfo {
  identityKey?: string
  deviceKey: string
  displayName?: string
  deviceCredential?: Credential
}

/** What a host-side invitation is given by whoever creates it (a space, or the client for devices). */
export interface InvitationContext {
  signaling(): Signaling
  /** Completes a successful invitation; returns the payload for the guest. */
  admit(guest: GuestInfo): Promise<Record<string, unknown>>
}

const TERMINAL: ReadonlySet<InvitationState> = new Set(['success', 'cancelled', 'expired', 'error'])
const HEX64 = /^[0-9a-f]{64}$/

/**
 * The host side of an invitation: a random topic and X25519 key pair, a code for the guest (also
 * as a link), and once a guest connects, a 6-digit auth code to show them. The guest's code
 * travels only inside the encrypted channel and is compared in constant time; after
 * `maxAttempts` wrong codes the invitation is dead. Single use.
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
  readonly #id = toHex(randomBytes(16))
  readonly #topic = toHex(randomBytes(16))
  #signaling: Signaling | undefined
  #guestPeer: string | undefined
  #channel: SealedChannel | undefined
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
    const code = encodeInvitationCode({ kind, id: this.#id, topic: this.#topic, publicKey: toHex(this.#keys.publicKey), expiresAt })
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

  /** Cancels the invitation (the guest sees 'cancelled'). */
  cancel(): void {
    if (TERMINAL.has(this.state)) return
    this.#send({ t: 'cancel' })
    this.set({ cancelledBy: 'host' })
    this.#finish('cancelled')
  }

  #start(expiresAt: number): void {
    this.#timer = setTimeout(() => {
      if (TERMINAL.has(this.state)) return
      this.#send({ t: 'expired' })
      this.#finish('expired', new EchoError('INVITATION_EXPIRED', 'the invitation expired'))
    }, Math.max(0, expiresAt - Date.now()))
    try {
      this.#signaling = this.#host.signaling()
    } catch (error) {
      queueMicrotask(() => this.#finish('error', toEchoError(error, 'NETWORK_FAILED')))
      return
    }
    const s = this.#signaling
    this.#off.push(
      s.on('signal', ({ topic, from, data }) => {
        if (topic === this.#topic) this.#onSignal(from, data)
      }),
      s.on('peer-left', ({ topic, peerId }) => {
        // The guest went away before finishing: wait for another attempt.
        if (topic === this.#topic && peerId === this.#guestPeer && !TERMINAL.has(this.state) && !this.#busy) {
          this.#guestPeer = undefined
          this.#channel = undefined
          this.set({ state: 'connecting', authCode: undefined })
        }
      }),
    )
    s.join(this.#topic)
    this.set({ state: 'connecting' })
  }

  #onSignal(from: string, data: unknown): void {
    if (TERMINAL.has(this.state)) return
    const msg = data as Record<string, unknown>
    if (msg && typeof msg === 'object' && msg.t === 'hello') {
      if (msg.id !== this.#id || typeof msg.g !== 'string' || !/^[0-9a-f]{64}$/.test(msg.g)) return
      if (this.#guestPeer && this.#guestPeer !== from) return // one guest at a time
      if (this.#guestPeer === from && this.#channel) return // duplicate hello
      try {
        this.#channel = new SealedChannel('host', msg.g, this.#keys.secretKey)
      } catch {
        return // not a usable X25519 key: this hello is ignored, the slot stays free
      }
      this.#guestPeer = from
      this.set({ state: 'connected' })
      this.#authCode = generateAuthCode()
      this.#send({ t: 'challenge', kind: this.kind, attemptsLeft: this.getSnapshot().attemptsLeft })
      this.set({ state: 'ready-for-auth', authCode: this.#authCode })
      return
    }
    if (from !== this.#guestPeer || !this.#channel) return
    const inner = this.#channel.open(data)
    if (!inner) return // forged or replayed: dropped
    if (inner.t === 'cancel') {
      this.set({ cancelledBy: 'guest' })
      this.#finish('cancelled')
      return
    }
    if (inner.t === 'auth' && !this.#busy) void this.#onAuth(inner)
  }

  async #onAuth(msg: Record<string, unknown>): Promise<void> {
    this.#busy = true
    this.set({ state: 'authenticating' })
    try {
      const ok = typeof msg.code === 'string' && codesEqual(msg.code, this.#authCode ?? '')
      if (!ok) {
        const attemptsLeft = this.getSnapshot().attemptsLeft - 1
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
      const guest = parseGuest(msg, this.kind)
      if (!guest) {
        this.#send({ t: 'result', ok: false, code: 'INVALID_INVITATION' })
        this.#finish('error', new EchoError('INVALID_INVITATION', 'the guest sent an invalid identity'))
        return
      }
      const payload = await this.#host.admit(guest)
      this.#send({ t: 'result', ok: true, ...payload })
      this.set({ guest: { identityKey: guest.identityKey ?? '', deviceKey: guest.deviceKey, displayName: guest.displayName } })
      this.#finish('success')
    } catch (error) {
      this.#send({ t: 'result', ok: false, code: 'AUTH_FAILED' })
      this.#finish('error', toEchoError(error, 'AUTH_FAILED'))
    } finally {
      this.#busy = false
    }
  }

  #send(message: Record<string, unknown>): void {
    if (!this.#signaling || !this.#guestPeer || !this.#channel) return
    try {
      this.#signaling.send(this.#topic, this.#guestPeer, this.#channel.seal(message))
    } catch {
      // offline: the guest times out or sees expiry
    }
  }

  #finish(state: InvitationState, error?: EchoError): void {
    clearTimeout(this.#timer)
    for (const off of this.#off.splice(0)) off()
    try {
      this.#signaling?.leave(this.#topic)
    } catch {
      // already gone
    }
    this.#keys.secretKey.fill(0)
    this.set({ state, ...(error ? { error } : {}), ...(state === 'success' ? { error: undefined } : {}) })
  }
}

function parseGuest(msg: Record<string, unknown>, kind: InvitationKind): GuestInfo | null {
  const { deviceKey, identityKey, displayName } = msg
  if (typeof deviceKey !== 'string' || !HEX64.test(deviceKey)) return null
  if (displayName !== undefined && (typeof displayName !== 'string' || displayName.length > 200)) return null
  if (kind === 'device') return { deviceKey, displayName: displayName as string | undefined }
  if (typeof identityKey !== 'string' || !HEX64.test(identityKey)) return null
  const credential = parseCredential(msg.deviceCredential)
  if (
    !credential ||
    credential.kind !== 'device' ||
    credential.subject !== deviceKey ||
    credential.identityKey !== identityKey ||
    credential.signer !== identityKey ||
    !verifySignature(credential)
  ) {
    return null
  }
  return { identityKey, deviceKey, displayName: displayName as string | undefined, deviceCredential: credential }
}

