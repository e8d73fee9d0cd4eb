import nacl from 'tweetnacl'
import type { Signaling } from '../network/index.ts'
import { EchoError, toEchoError } from '../shared/index.ts'
import { toHex } from '../shared/index.ts'
import type { InvitationState } from './Invitation.ts'
import { decodeInvitationCode, type InvitationCodeParts, type InvitationKind } from './InvitationCode.ts'
import { SealedChannel } from './SealedChannel.ts'
import type { Space } from '../space/index.ts'
import { Store } from '../shared/index.ts'

/** Snapshot of the guest side of an invitation. */
export interface JoiningSnapshot {
  state: InvitationState
  kind: InvitationKind
  attemptsLeft: number
  expiresAt: number
  error?: EchoError
  /** Which side cancelled, when state is 'cancelled'. */
  cancelledBy?: 'host' | 'guest'
  /** The joined space, once state is 'success' (space invitations). */
  space?: Space
}

/** What the guest side is given by the client that joins. */
export interface JoiningContext {
  signaling(): Signaling
  /** What the guest proves about itself (identity + device, or the new device's key). */
  guestInfo(kind: InvitationKind): Record<string, unknown>
  /** Applies the host's successful answer; returns the space for space invitations. */
  complete(kind: InvitationKind, result: Record<string, unknown>): Promise<Space | undefined>
}

/** Options of `client.join()`. */
export interface JoinOptions {
  /** Give up when no host answers within this many ms. Default 30 s. */
  timeout?: number
}

const TERMINAL: ReadonlySet<InvitationState> = new Set(['success', 'cancelled', 'expired', 'error'])

/**
 * The guest side of an invitation. It finds the host on the signaling topic from the code, runs
 * the key agreement bound to the invitation key (so only the real host can answer), then sends
 * the auth code the host shows — only inside the encrypted channel.
 *
 * @example
 * const joining = client.join(code)
 * joining.subscribe(() => render(joining.getSnapshot()))
 * await joining.authenticate('123456')
 * if (joining.state === 'success') open(joining.space)
 */
export class Joining extends Store<JoiningSnapshot> {
  readonly kind: InvitationKind
  readonly #parts: InvitationCodeParts
  readonly #host: JoiningContext
  readonly #keys = nacl.box.keyPair()
  #signaling: Signaling | undefined
  #channel: SealedChannel
  #hostPeer: string | undefined
  #off: (() => void)[] = []
  #timers: ReturnType<typeof setTimeout>[] = []
  #waiters: (() => void)[] = []
  #completing = false

  /** Made by `client.join(code)`; throws INVALID_INVITATION / INVITATION_EXPIRED for bad codes. */
  constructor(code: string, host: JoiningContext, options: JoinOptions = {}) {
    const parts = decodeInvitationCode(code)
    super({ state: 'init', kind: parts.kind, attemptsLeft: 3, expiresAt: parts.expiresAt })
    this.kind = parts.kind
    this.#parts = parts
    this.#host = host
    this.#channel = new SealedChannel('guest', parts.publicKey, this.#keys.secretKey)
    this.#start(options.timeout ?? 30_000)
  }

  /** Current state. */
  get state(): InvitationState {
    return this.getSnapshot().state
  }

  /** Wrong codes still allowed. */
  get attemptsLeft(): number {
    return this.getSnapshot().attemptsLeft
  }

  /** The last error (wrong code, expired, cancelled by host, …). */
  get error(): EchoError | undefined {
    return this.getSnapshot().error
  }

  /** The joined space once state is 'success'. */
  get space(): Space | undefined {
    return this.getSnapshot().space
  }

  /**
   * Sends the 6-digit code the host shows. Resolves when the host answered, with the new state
   * ('success', 'ready-for-auth' after a wrong code with attempts left, or 'error').
   */
  async authenticate(code: string): Promise<InvitationState> {
    if (TERMINAL.has(this.state)) return this.state
    if (typeof code !== 'string' || !/^\d{6}$/.test(code.trim())) {
      this.set({ error: new EchoError('AUTH_FAILED', 'the code has 6 digits') })
      return this.state
    }
    if (this.state !== 'ready-for-auth' || !this.#hostPeer) {
      this.set({ error: new EchoError('AUTH_FAILED', 'not connected to the host yet') })
      return this.state
    }
    let info: Record<string, unknown>
    try {
      info = this.#host.guestInfo(this.kind)
    } catch (error) {
      this.#send({ t: 'cancel' })
      this.#finish('error', toEchoError(error, 'AUTH_FAILED'))
      return this.state
    }
    this.set({ state: 'authenticating', error: undefined })
    this.#send({ t: 'auth', code: code.trim(), ...info })
    await new Promise<void>((resolve) => this.#waiters.push(resolve))
    return this.state
  }

  /** Cancels joining (the host sees 'cancelled'). */
  cancel(): void {
    if (TERMINAL.has(this.state)) return
    this.#send({ t: 'cancel' })
    this.set({ cancelledBy: 'guest' })
    this.#finish('cancelled')
  }

  #start(timeout: number): void {
    this.#timers.push(
      setTimeout(() => {
        if (!TERMINAL.has(this.state)) this.#finish('expired', new EchoError('INVITATION_EXPIRED', 'the invitation expired'))
      }, Math.max(0, this.#parts.expiresAt - Date.now())),
      setTimeout(() => {
        if (this.state === 'connecting') this.#finish('error', new EchoError('NETWORK_FAILED', 'no host answered this invitation (used already, cancelled, or offline)'))
      }, timeout),
    )
    try {
      this.#signaling = this.#host.signaling()
    } catch (error) {
      queueMicrotask(() => this.#finish('error', toEchoError(error, 'NETWORK_FAILED')))
      return
    }
    const s = this.#signaling
    const topic = this.#parts.topic
    const hello = (peer: string) => {
      if (this.#hostPeer || TERMINAL.has(this.state)) return
      try {
        s.send(topic, peer, { t: 'hello', v: 1, id: this.#parts.id, g: toHex(this.#keys.publicKey) })
      } catch {
        // offline: retried on the next peers event
      }
    }
    this.#off.push(
      s.on('peers', (e) => e.topic === topic && e.peers.forEach(hello)),
      s.on('peer-joined', (e) => e.topic === topic && hello(e.peerId)),
      s.on('peer-left', (e) => {
        if (e.topic === topic && e.peerId === this.#hostPeer && !TERMINAL.has(this.state) && !this.#completing) {
          this.#finish('error', new EchoError('NETWORK_FAILED', 'the host went away'))
        }
      }),
      s.on('signal', (e) => e.topic === topic && this.#onSignal(e.from, e.data)),
    )
    s.join(topic)
    this.set({ state: 'connecting' })
  }

  #onSignal(from: string, data: unknown): void {
    if (TERMINAL.has(this.state)) return
    if (this.#hostPeer && from !== this.#hostPeer) return
    const msg = this.#channel.open(data)
    // Only the holder of the invitation's secret key can produce a message that opens.
    if (!msg) return
    if (!this.#hostPeer) {
      if (msg.t !== 'challenge') return
      this.#hostPeer = from
      const attempts = typeof msg.attemptsLeft === 'number' && msg.attemptsLeft > 0 && msg.attemptsLeft <= 100 ? Math.floor(msg.attemptsLeft) : undefined
      this.set({ state: 'connected', ...(attempts ? { attemptsLeft: attempts } : {}) })
      this.set({ state: 'ready-for-auth' })
      return
    }
    if (msg.t === 'cancel') {
      this.set({ cancelledBy: 'host' })
      return this.#finish('cancelled', new EchoError('CANCELLED', 'the host cancelled the invitation'))
    }
    if (msg.t === 'expired') return this.#finish('expired', new EchoError('INVITATION_EXPIRED', 'the invitation expired'))
    if (msg.t === 'result') void this.#onResult(msg)
  }

  async #onResult(msg: Record<string, unknown>): Promise<void> {
    if (msg.ok === true) {
      // The host leaves the topic right after answering: that is not an error any more.
      this.#completing = true
      try {
        const space = await this.#host.complete(this.kind, msg)
        this.#finish('success', undefined, space)
      } catch (error) {
        this.#finish('error', toEchoError(error, 'INVALID_INVITATION'))
      }
      return
    }
    const code = msg.code === 'TOO_MANY_ATTEMPTS' ? 'TOO_MANY_ATTEMPTS' : msg.code === 'INVALID_INVITATION' ? 'INVALID_INVITATION' : 'AUTH_FAILED'
    const attemptsLeft = typeof msg.attemptsLeft === 'number' && msg.attemptsLeft >= 0 ? Math.floor(msg.attemptsLeft) : 0
    if (code === 'AUTH_FAILED' && attemptsLeft > 0) {
      this.set({ state: 'ready-for-auth', attemptsLeft, error: new EchoError('AUTH_FAILED', `wrong code; ${attemptsLeft} attempt(s) left`) })
      this.#wake()
      return
    }
    this.set({ attemptsLeft })
    this.#finish('error', new EchoError(code, code === 'TOO_MANY_ATTEMPTS' ? 'too many wrong codes; ask for a new invitation' : 'the host refused'))
  }

  #send(message: Record<string, unknown>): void {
    if (!this.#signaling || !this.#hostPeer) return
    try {
      this.#signaling.send(this.#parts.topic, this.#hostPeer, this.#channel.seal(message))
    } catch {
      // Offline: the message is lost; the host's expiry and our timeout end the flow.
    }
  }

  #wake(): void {
    for (const w of this.#waiters.splice(0)) w()
  }

  #finish(state: InvitationState, error?: EchoError, space?: Space): void {
    for (const t of this.#timers.splice(0)) clearTimeout(t)
    for (const off of this.#off.splice(0)) off()
    try {
      this.#signaling?.leave(this.#parts.topic)
    } catch {
      // already gone
    }
    this.#keys.secretKey.fill(0)
    this.set({ state, ...(error ? { error } : {}), ...(space ? { space } : {}) })
    this.#wake()
  }
}

