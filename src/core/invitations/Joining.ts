import nacl from 'tweetnacl'
import type { Signaling } from '../network/index.ts'
import { EchoError, fromHex, Store, toEchoError, toHex } from '../shared/index.ts'
import type { Space } from '../space/index.ts'
import { authTranscript } from './authTranscript.ts'
import type { InvitationState } from './Invitation.ts'
import { decodeInvitationCode, type InvitationCodeParts, type InvitationKind } from './InvitationCode.ts'
import { displayText } from './displayText.ts'
import { SALT_BYTES, SealedChannel } from './SealedChannel.ts'
import { leaseTopic, type TopicLease } from './topicLease.ts'

/** Snapshot of the guest side of an invitation. */
export interface JoiningSnapshot {
  state: InvitationState
  kind: InvitationKind
  attemptsLeft: number
  expiresAt: number
  error?: EchoError | undefined
  /** Which side cancelled, when state is 'cancelled'. */
  cancelledBy?: 'host' | 'guest' | undefined
  /** The joined space, once state is 'success' (space invitations). */
  space?: Space | undefined
  /**
   * The inviting person's display name, as the host said once the guest proved it knows the
   * code (from 'ready-for-auth' on). A claim of whoever holds the invitation's key: show it as
   * such. One line of plain text, at most 64 code points.
   */
  invitedBy?: string | undefined
  /** The name of the space the host invites to (space invitations), the same kind of claim. */
  spaceName?: string | undefined
}

/**
 * What a guest presents, and the signature it can make with the device key it presents (the
 * host refuses a guest that cannot sign for its keys).
 */
export interface GuestProof {
  /** `{ identityKey, deviceKey, displayName, deviceCredential }`, or `{ deviceKey, displayName }` for a new device. */
  info: Record<string, unknown>
  /** Signs with the secret key of `info.deviceKey`. */
  sign(message: Uint8Array): Uint8Array
}

/** What the guest side is given by the client that joins. */
export interface JoiningContext {
  signaling(): Signaling
  /** What the guest proves about itself (identity + device, or the new device's key and its name). */
  guestInfo(kind: InvitationKind, options?: { deviceName?: string }): GuestProof
  /** Applies the host's successful answer; returns the space for space invitations. */
  complete(kind: InvitationKind, result: Record<string, unknown>): Promise<Space | undefined>
}

/** Options of `client.join()`. */
export interface JoinOptions {
  /** Give up when no host answers within this many ms. Default 30 s. */
  timeout?: number | undefined
  /**
   * Device invitations: the name this new device is listed under on every device of the
   * identity (e.g. 'Phone'). Sent inside the sealed channel; the host keeps one line of at most
   * 64 code points. Without it the client's `name` is the label.
   */
  deviceName?: string | undefined
}

/** Options of `joining.authenticate()`. */
export interface AuthenticateOptions {
  /** Device invitations: the new device's name, when it was asked for with the code (overrides `JoinOptions.deviceName`). */
  deviceName?: string | undefined
}

const TERMINAL: ReadonlySet<InvitationState> = new Set(['success', 'cancelled', 'expired', 'error'])
// An unanswered hello is repeated this often: a hello lost on a reconnecting socket, or dropped
// by a busy host, must not leave the guest waiting until its timeout.
const HELLO_EVERY_MS = 2_000
// A dead link (used, cancelled, its host closed or never online) shows as an invitation topic
// the signaling server says is empty. Empty this long, it fails: long enough for a host that
// created the invitation a moment ago to get its own join to the server.
const ALONE_MS = 3_000
// The fallback when the server says nothing at all (unreachable, or refused the join).
const NO_ANSWER_MS = 5_000

/**
 * The guest side of an invitation. It finds the host on the signaling topic from the code, runs
 * the key agreement bound to the invitation key (so only the real host can answer), answers the
 * host's challenge (proving it knows the code), then sends the auth code the host shows and a
 * signature with the device key it presents, only inside the encrypted channel. See
 * {@link Invitation} for the protocol.
 *
 * @example
 * const joining = client.join(code)
 * joining.subscribe(() => render(joining.getSnapshot()))
 * await joining.authenticate('123456') // waits until the host is connected ('ready-for-auth')
 * if (joining.state === 'success') open(joining.space)
 */
export class Joining extends Store<JoiningSnapshot> {
  readonly kind: InvitationKind
  readonly #parts: InvitationCodeParts
  readonly #host: JoiningContext
  readonly #keys = nacl.box.keyPair()
  #signaling: Signaling | undefined
  #channel: SealedChannel | undefined
  #hostPeer: string | undefined
  #nonce = ''
  #peers: ReadonlySet<string> = new Set()
  #lease: TopicLease | undefined
  #off: (() => void)[] = []
  #timers: ReturnType<typeof setTimeout>[] = []
  #waiters: (() => void)[] = []
  #completing = false
  #deviceName: string | undefined
  #alone: ReturnType<typeof setTimeout> | undefined

  /** Made by `client.join(code)`; throws INVALID_INVITATION / INVITATION_EXPIRED for bad codes. */
  constructor(code: string, host: JoiningContext, options: JoinOptions = {}) {
    const parts = decodeInvitationCode(code)
    super({ state: 'init', kind: parts.kind, attemptsLeft: 3, expiresAt: parts.expiresAt })
    this.kind = parts.kind
    this.#parts = parts
    this.#host = host
    this.#deviceName = options.deviceName
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
   * Sends the 6-digit code the host shows. Called before the host is connected, it first waits
   * for 'ready-for-auth' (bounded by the join timeout and the invitation's expiry). Resolves
   * when the host answered, with the new state ('success', 'ready-for-auth' after a wrong code
   * with attempts left, or 'error', 'expired', 'cancelled'; `error` says why). For a device
   * invitation, `options.deviceName` names this device (see `JoinOptions.deviceName`).
   */
  async authenticate(code: string, options: AuthenticateOptions = {}): Promise<InvitationState> {
    if (TERMINAL.has(this.state)) return this.state
    if (typeof code !== 'string' || !/^\d{6}$/.test(code.trim())) {
      this.set({ error: new EchoError('AUTH_FAILED', 'the code has 6 digits') })
      return this.state
    }
    while (this.state !== 'ready-for-auth' && !TERMINAL.has(this.state)) await this.#nextChange()
    if (TERMINAL.has(this.state) || !this.#channel) return this.state
    let proof: GuestProof
    try {
      proof = this.#host.guestInfo(this.kind, { deviceName: options.deviceName ?? this.#deviceName })
    } catch (error) {
      this.#send({ t: 'cancel' })
      this.#finish('error', toEchoError(error, 'AUTH_FAILED'))
      return this.state
    }
    const entered = code.trim()
    const info = proof.info
    const transcript = authTranscript({
      kind: this.kind,
      id: this.#parts.id,
      invitationKey: this.#parts.publicKey,
      guestKey: toHex(this.#keys.publicKey),
      nonce: this.#nonce,
      attemptsLeft: this.attemptsLeft,
      code: entered,
      identityKey: typeof info.identityKey === 'string' ? info.identityKey : '',
      deviceKey: typeof info.deviceKey === 'string' ? info.deviceKey : '',
    })
    const sig = toHex(proof.sign(transcript))
    this.set({ state: 'authenticating', error: undefined })
    this.#send({ t: 'auth', code: entered, ...info, sig })
    await new Promise<void>((resolve) => this.#waiters.push(resolve))
    return this.state
  }

  /** Cancels joining. The host's invitation stays open for another try (only the host ends it). */
  cancel(): void {
    if (TERMINAL.has(this.state)) return
    this.#send({ t: 'cancel' })
    this.set({ cancelledBy: 'guest' })
    this.#finish('cancelled')
  }

  #nextChange(): Promise<void> {
    return new Promise((resolve) => {
      const off = this.subscribe(() => {
        off()
        resolve()
      })
    })
  }

  #start(timeout: number): void {
    this.#timers.push(
      setTimeout(() => {
        if (!TERMINAL.has(this.state)) this.#finish('expired', new EchoError('INVITATION_EXPIRED', 'the invitation expired'))
      }, Math.max(0, this.#parts.expiresAt - Date.now())),
      setTimeout(() => {
        if (this.state === 'connecting' || this.state === 'connected') {
          this.#finish('error', new EchoError('NETWORK_FAILED', 'no host answered this invitation (used already, another guest is connecting, cancelled, or offline)'))
        }
      }, timeout),
      setInterval(() => {
        if (this.state === 'connecting') for (const peer of this.#peers) this.#hello(peer)
      }, HELLO_EVERY_MS),
      setTimeout(() => {
        if (this.state === 'connecting' && !this.#lease?.answered) {
          this.#finish('error', new EchoError('NETWORK_FAILED', 'the signaling server did not answer; check the connection and try again'))
        }
      }, Math.min(timeout, NO_ANSWER_MS)),
    )
    try {
      this.#signaling = this.#host.signaling()
    } catch (error) {
      queueMicrotask(() => this.#finish('error', toEchoError(error, 'NETWORK_FAILED')))
      return
    }
    const s = this.#signaling
    const topic = this.#parts.topic
    const greet = (peer: string) => this.#hello(peer)
    // The lease updates its member list in its own listeners: look after they ran.
    const recount = () => queueMicrotask(() => this.#watchAlone())
    this.set({ state: 'connecting' })
    this.#off.push(
      s.on('peers', (e) => {
        if (e.topic !== topic) return
        e.peers.forEach(greet)
        recount()
      }),
      s.on('peer-joined', (e) => {
        if (e.topic !== topic) return
        greet(e.peerId)
        recount()
      }),
      s.on('peer-left', (e) => {
        if (e.topic !== topic) return
        if (e.peerId === this.#hostPeer && !TERMINAL.has(this.state) && !this.#completing) {
          this.#finish('error', new EchoError('NETWORK_FAILED', 'the host went away'))
        }
        recount()
      }),
      s.on('signal', (e) => e.topic === topic && this.#onSignal(e.from, e.data)),
    )
    const lease = leaseTopic(s, topic)
    this.#lease = lease
    this.#peers = lease.peers
    this.#off.push(() => lease.release(), () => clearTimeout(this.#alone))
    // Another flow of this client may have joined the topic already: greet who is there.
    queueMicrotask(() => this.#peers.forEach(greet))
    recount()
  }

  /**
   * Fails a dead link fast: while no host answered yet and the server says nobody else is in
   * the invitation's topic, a timer runs; anyone joining stops it. Only the signaling server
   * can make a topic look empty (it can also just drop our messages), and a peer in the topic
   * can only keep the flow waiting, so nobody else can make a live invitation look dead.
   */
  #watchAlone(): void {
    const alone = !!this.#lease?.answered && this.#peers.size === 0 && !this.#hostPeer && this.state === 'connecting'
    if (!alone) {
      clearTimeout(this.#alone)
      this.#alone = undefined
      return
    }
    this.#alone ??= setTimeout(() => {
      this.#alone = undefined
      if (this.state === 'connecting' && this.#peers.size === 0 && !this.#hostPeer) {
        this.#finish(
          'error',
          new EchoError('INVITATION_UNAVAILABLE', 'nobody holds this invitation any more: it was used or cancelled, or the person who made it is offline; ask for a new one'),
        )
      }
    }, ALONE_MS)
  }

  #hello(peer: string): void {
    if (this.#hostPeer || TERMINAL.has(this.state)) return
    try {
      this.#signaling?.send(this.#parts.topic, peer, { t: 'hello', v: 2, g: toHex(this.#keys.publicKey) })
    } catch {
      // Offline: repeated every HELLO_EVERY_MS while connecting.
    }
  }

  #onSignal(from: string, data: unknown): void {
    if (TERMINAL.has(this.state)) return
    if (this.#hostPeer && from !== this.#hostPeer) return
    if (!this.#hostPeer) return this.#onChallenge(from, data)
    const msg = this.#channel!.open(data)
    // Only the holder of the invitation's secret key can produce a message that opens.
    if (!msg) return
    if (msg.t === 'bound') {
      const attempts = typeof msg.attemptsLeft === 'number' && msg.attemptsLeft > 0 && msg.attemptsLeft <= 100 ? Math.floor(msg.attemptsLeft) : undefined
      // Claims of the host: plain one-line text, cut to length; anything else is left out.
      const invitedBy = displayText(msg.hostName)
      const spaceName = this.kind === 'space' ? displayText(msg.spaceName) : undefined
      this.set({ state: 'ready-for-auth', ...(attempts ? { attemptsLeft: attempts } : {}), ...(invitedBy ? { invitedBy } : {}), ...(spaceName ? { spaceName } : {}) })
      return
    }
    if (msg.t === 'cancel') {
      this.set({ cancelledBy: 'host' })
      return this.#finish('cancelled', new EchoError('CANCELLED', 'the host cancelled the invitation'))
    }
    if (msg.t === 'expired') return this.#finish('expired', new EchoError('INVITATION_EXPIRED', 'the invitation expired'))
    if (msg.t === 'replaced') return this.#finish('error', new EchoError('CANCELLED', 'a newer join with this code on this device took over'))
    if (msg.t === 'refused') return this.#finish('error', new EchoError('INVALID_INVITATION', 'the host refused this code: it does not match the invitation it issued'))
    if (msg.t === 'result') void this.#onResult(msg)
  }

  /** The first message that opens comes from the host: its challenge, with the channel's salt. */
  #onChallenge(from: string, data: unknown): void {
    const salt = typeof (data as { s?: unknown })?.s === 'string' ? fromHex((data as { s: string }).s) : null
    if (!salt || salt.length !== SALT_BYTES) return
    let channel: SealedChannel
    try {
      channel = new SealedChannel('guest', this.#parts.publicKey, this.#keys.secretKey, salt)
    } catch {
      return // unreachable for a code that decoded; nothing to answer
    }
    const msg = channel.open(data)
    if (!msg || msg.t !== 'challenge' || typeof msg.nonce !== 'string' || msg.nonce.length > 64) return
    this.#hostPeer = from
    this.#channel = channel
    this.#nonce = msg.nonce
    this.set({ state: 'connected' })
    const { kind, id, topic, expiresAt } = this.#parts
    this.#send({ t: 'ready', nonce: msg.nonce, code: { kind, id, topic, expiresAt } })
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
    if (!this.#signaling || !this.#hostPeer || !this.#channel) return
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
    this.#keys.secretKey.fill(0)
    this.set({ state, ...(error ? { error } : {}), ...(space ? { space } : {}) })
    this.#wake()
  }
}

