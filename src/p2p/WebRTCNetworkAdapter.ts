// automerge-repo network adapter over WebRTC data channels: one adapter per topic, one
// PeerConnection per remote peer in the topic, found and negotiated through a Signaling.
//
// Lifecycle of a remote peer (keyed by its signaling id):
//   discovered -> the newcomer (who got a `peers` list) offers; after a lost connection both
//   sides redial with backoff, and if both offer at once PeerConnection resolves the glare
//   -> data channel open -> session handshake (SessionHooks, or a plain hello) on both sides
//   -> both accepted (each says so on the channel) -> 'peer-candidate' -> messages
//   -> connection lost -> 'peer-disconnected' -> redial with exponential backoff while the
//   peer is still in the topic. A side that refuses tells the other, and neither redials.
//
// Every signal carries the id of the PeerConnection instance that sent it ("conn"). That is
// how a restarted remote (new conn, new offer) is told apart from stale messages of an old
// connection, without any timing assumptions.
import {
  NetworkAdapter,
  cbor,
  type Message,
  type NetworkAdapterEvents,
  type PeerId,
  type PeerMetadata,
} from '@automerge/automerge-repo/slim'
import { PeerConnection, parseSignal, type FrameCipher, type PeerConnectionStats } from './PeerConnection.ts'
import type { Signaling, SignalingPeerEvent, SignalingPeersEvent, SignalingSignalEvent } from '../core/network/index.ts'

/**
 * The raw channel a {@link SessionHooks} handshake talks over, before the session exists.
 * Messages are plain bytes (chunked, so any size up to 64 KiB), delivered in order.
 *
 * @example
 * channel.send(myHello)
 * const theirHello = await channel.receive(5000)
 */
export interface HandshakeChannel {
  send(bytes: Uint8Array): void
  /** The next handshake message; rejects on close or after `timeoutMs` (default 10 s). */
  receive(timeoutMs?: number): Promise<Uint8Array>
}

/**
 * What a handshake knows about the connection it runs on.
 *
 * @example if (context.initiator) channel.send(challenge)
 */
export interface SessionContext {
  /** The remote's signaling id: self-asserted, so only a hint. */
  readonly remoteSignalingId: string
  /** True on exactly one side of the connection, so a handshake can decide who speaks first. */
  readonly initiator: boolean
  /** This Repo's automerge peer id and metadata, to present to the remote. */
  readonly localPeerId: PeerId
  readonly localPeerMetadata: PeerMetadata
}

/**
 * The result of a successful handshake: who the remote is (as proven by the handshake) and
 * how to wrap/unwrap every later data frame. `decrypt` returns null when a frame fails
 * authentication; the adapter then drops the connection.
 *
 * @example
 * const session: Session = { peerId, peerMetadata: {}, encrypt: (b) => seal(b), decrypt: (b) => open(b) }
 */
export interface Session extends FrameCipher {
  readonly peerId: PeerId
  readonly peerMetadata: PeerMetadata
}

/**
 * Hook for an authenticated session layer. `onOpen` runs on both sides when a data channel
 * opens, before the Repo hears of the peer: it runs a handshake over `channel` and resolves
 * to the {@link Session}, or to null to refuse the peer. The peer is announced to the Repo
 * only when both sides accepted. On null the remote is told, the connection closes, and
 * neither side redials until the peer joins the topic again. A rejection, or no result
 * within the adapter's `connectTimeoutMs`, closes the connection and redials later.
 *
 * @example
 * const session: SessionHooks = {
 *   async onOpen(ctx, channel) {
 *     channel.send(await proveIdentity(ctx.localPeerId))
 *     const proof = await channel.receive()
 *     const remote = await verify(proof)
 *     return remote ? { peerId: remote.peerId, peerMetadata: {}, encrypt: remote.seal, decrypt: remote.open } : null
 *   },
 * }
 */
export interface SessionHooks {
  onOpen(context: SessionContext, channel: HandshakeChannel): Promise<Session | null>
}

/**
 * The default session when no {@link SessionHooks} is given: each side sends its automerge
 * peer id and metadata, nothing is encrypted beyond WebRTC's own DTLS, and nothing is
 * authenticated (peer ids are taken at their word).
 *
 * @example new WebRTCNetworkAdapter({ signaling, topic, session: helloSession }) // same as omitting it
 */
export const helloSession: SessionHooks = {
  async onOpen(context, channel) {
    channel.send(cbor.encode({ v: 1, peerId: context.localPeerId, peerMetadata: context.localPeerMetadata }))
    // A timeout or close rejects here, which means "try again later"; garbage means "no".
    const bytes = await channel.receive()
    let hello: unknown
    try {
      hello = cbor.decode(bytes)
    } catch {
      return null
    }
    if (!isRecord(hello) || hello.v !== 1) return null
    const { peerId } = hello
    if (typeof peerId !== 'string' || peerId.length === 0 || peerId.length > 256) return null
    const identity = (b: Uint8Array) => b
    return {
      peerId: peerId as PeerId,
      peerMetadata: toPeerMetadata(hello.peerMetadata),
      encrypt: identity,
      decrypt: identity,
    }
  },
}

/**
 * Options of {@link WebRTCNetworkAdapter}.
 *
 * @example
 * const options: WebRTCNetworkAdapterOptions = { signaling, topic, bindAddress: '127.0.0.1' }
 */
export type WebRTCNetworkAdapterOptions = {
  signaling: Signaling
  /** The signaling topic whose peers this adapter connects to. */
  topic?: string
  /** More topics (e.g. one per space); see also {@link WebRTCNetworkAdapter.join}. */
  topics?: string[]
  /** Default: none, so only host candidates (LAN, loopback); no external service is contacted. */
  iceServers?: RTCIceServer[]
  /** Default: the global one, else node-datachannel's polyfill (loaded only in that case). */
  RTCPeerConnection?: typeof RTCPeerConnection
  /**
   * node-datachannel only: the local address to gather candidates on. Default: all
   * interfaces, or 127.0.0.1 on a host that has nothing but loopback.
   */
  bindAddress?: string
  /** Largest message accepted from a peer, in bytes (default 64 MiB). Larger ones are dropped. */
  maxMessageBytes?: number
  /** Authenticated-session layer; default {@link helloSession}. */
  session?: SessionHooks
  /** How long `whenReady()` waits for the peers already in the topic (default 5 s). */
  readyTimeoutMs?: number
  /** Negotiation + handshake must finish within this, else retry (default 15 s). */
  connectTimeoutMs?: number
  /** First retry delay after a lost connection; doubles per attempt (default 250 ms). */
  retryBaseMs?: number
  /** Longest retry delay (default 30 s). */
  retryMaxMs?: number
}

/**
 * Counters of everything the adapter dropped instead of throwing, summed over all
 * connections so far.
 *
 * @example const { droppedFrames, badMessages } = adapter.stats
 */
export type WebRTCNetworkAdapterStats = PeerConnectionStats & {
  /** Signaling messages that were not well-formed. */
  badSignals: number
  /** Reassembled messages that did not decode, were addressed elsewhere or spoofed a sender. */
  badMessages: number
  /** Exceptions thrown by our own event listeners (e.g. the Repo's), caught and logged. */
  listenerErrors: number
}

const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024
const HANDSHAKE_RECEIVE_TIMEOUT_MS = 10_000
const MAX_INBOX = 16
const MAX_RETIRED_CONNS = 16
const STABLE_MS = 10_000
const STALE_NEGOTIATION_MS = 3000

type Remote = {
  readonly id: string
  /** Our topics it is in: while any, it is dialed again after a lost connection. */
  topics: Set<string>
  /** The topic it last signaled us on (it may have called before we saw it in a topic). */
  signalTopic: string | null
  pc: PeerConnection | null
  dialedAt: number
  inbox: HandshakeInbox | null
  /** Our handshake accepted the remote; waiting for it to accept us. */
  pending: Session | null
  /** Both accepted: announced to the Repo. */
  session: Session | null
  /** Remote conn ids of connections we have closed: their late signals are ignored. */
  retired: string[]
  attempt: number
  announcedAt: number
  /** False once either side refused, or another connection took over its peer id. */
  retry: boolean
  retryTimer: ReturnType<typeof setTimeout> | null
  connectTimer: ReturnType<typeof setTimeout> | null
}

/**
 * automerge-repo NetworkAdapter that syncs with every peer of a signaling topic over WebRTC
 * data channels (perfect negotiation, chunking, backpressure, reconnect with backoff).
 * Works in browsers and, through node-datachannel, in Node. The signaling client belongs
 * to the caller (connect and close it yourself); the adapter only joins and leaves its
 * topics. One adapter serves many topics with one connection per remote peer.
 *
 * @example
 * const adapter = new WebRTCNetworkAdapter({ signaling: signalingClient, topic: spaceTopic })
 * const repo = new Repo({ network: [adapter] })
 * // later: adapter.disconnect()
 */
export class WebRTCNetworkAdapter extends NetworkAdapter {
  private readonly signaling: Signaling
  private readonly options: WebRTCNetworkAdapterOptions
  private readonly maxMessageBytes: number
  /** Topics we want to be in; kept across disconnect/connect. */
  private readonly topics: Set<string>
  private rtc: Promise<{ ctor: typeof RTCPeerConnection; configuration: RTCConfiguration }> | null = null
  private ctor: typeof RTCPeerConnection | null = null
  private configuration: RTCConfiguration = {}
  private connected = false
  /** Subscribed to signaling and in `topics` (connected, and WebRTC loaded). */
  private active = false
  // Bumped by connect/disconnect so async steps started by an older connect() give up.
  private generation = 0
  private unsubscribe: Array<() => void> = []
  private readonly remotes = new Map<string, Remote>()
  private readonly byPeerId = new Map<PeerId, Remote>()
  private ready = false
  private resolveReady!: () => void
  private readonly readyPromise = new Promise<void>((resolve) => (this.resolveReady = resolve))
  private readyTimer: ReturnType<typeof setTimeout> | null = null
  // Until ready: topics whose first `peers` list has not come yet, and the peers listed
  // there that are neither connected nor given up on.
  private awaitingPeers = new Set<string>()
  private readonly pendingReady = new Set<string>()
  private readonly closedStats: WebRTCNetworkAdapterStats = {
    droppedFrames: 0,
    droppedMessages: 0,
    decryptFailures: 0,
    signalErrors: 0,
    badSignals: 0,
    badMessages: 0,
    listenerErrors: 0,
  }

  constructor(options: WebRTCNetworkAdapterOptions) {
    super()
    this.options = options
    this.signaling = options.signaling
    this.topics = new Set([...(options.topic === undefined ? [] : [options.topic]), ...(options.topics ?? [])])
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES
  }

  /**
   * True once the peers already in the topics at connect time are connected (or refused,
   * gone, or the wait timed out). The Repo waits for this before it declares a document
   * unavailable. @example adapter.isReady()
   */
  isReady(): boolean {
    return this.ready
  }

  /** Resolves when {@link isReady} becomes true. @example await adapter.whenReady() */
  whenReady(): Promise<void> {
    return this.readyPromise
  }

  /** Drop counters over all connections so far. @example adapter.stats.droppedFrames */
  get stats(): WebRTCNetworkAdapterStats {
    const total = { ...this.closedStats }
    for (const remote of this.remotes.values()) if (remote.pc) addStats(total, remote.pc.stats)
    return total
  }

  /** Automerge peer ids currently connected through this adapter. @example adapter.connectedPeers() */
  connectedPeers(): PeerId[] {
    return [...this.byPeerId.keys()]
  }

  /**
   * Also connects to the peers of `topic` (now if connected, else from {@link connect} on).
   *
   * @example adapter.join(spaceTopic(space.secret))
   */
  join(topic: string): void {
    if (this.topics.has(topic)) return
    this.topics.add(topic)
    if (this.active) this.signaling.join(topic)
  }

  /**
   * Leaves `topic` and closes the connections to peers we share no other topic with.
   *
   * @example adapter.leave(spaceTopic(space.secret))
   */
  leave(topic: string): void {
    if (!this.topics.delete(topic)) return
    if (this.active) this.signaling.leave(topic)
    this.awaitingPeers.delete(topic)
    for (const remote of [...this.remotes.values()]) {
      remote.topics.delete(topic)
      if (remote.signalTopic === topic) remote.signalTopic = null
      if (remote.topics.size === 0 && remote.signalTopic === null) this.forget(remote)
    }
    this.checkReady()
  }

  /**
   * Cuts a connected peer off now (e.g. a revoked device): the connection closes, the peer
   * is told it is refused, and neither side redials until it joins one of our topics again
   * (when the session handshake decides afresh).
   *
   * @example adapter.refusePeer(revokedPeerId)
   */
  refusePeer(peerId: PeerId): void {
    const remote = this.byPeerId.get(peerId)
    if (!remote?.pc) return
    remote.retry = false
    this.lose(remote, remote.pc, false, { refuse: true })
  }

  /**
   * Called by the Repo: joins the topics and connects to their peers. Calling it again after
   * {@link disconnect} reconnects; metadata given earlier is kept when omitted.
   *
   * @example adapter.connect('alice' as PeerId, { isEphemeral: false })
   */
  connect(peerId: PeerId, peerMetadata?: PeerMetadata): void {
    this.peerId = peerId
    this.peerMetadata = peerMetadata ?? this.peerMetadata ?? {}
    if (this.connected) return
    this.connected = true
    const generation = ++this.generation
    if (!this.ready) {
      this.awaitingPeers = new Set(this.topics)
      this.pendingReady.clear()
      this.readyTimer ??= setTimeout(() => this.markReady(), this.options.readyTimeoutMs ?? 5000)
      this.checkReady()
    }
    this.rtc ??= resolveRtc(this.options)
    this.rtc.then(
      ({ ctor, configuration }) => {
        if (generation !== this.generation) return
        this.ctor = ctor
        this.configuration = configuration
        const s = this.signaling
        this.unsubscribe = [
          s.on('peers', this.guard((e) => this.onPeers(e))),
          s.on('peer-joined', this.guard((e) => this.onPeerJoined(e))),
          s.on('peer-left', this.guard((e) => this.onPeerLeft(e))),
          s.on('signal', this.guard((e) => this.onSignal(e))),
        ]
        this.active = true
        for (const topic of this.topics) s.join(topic)
      },
      (err: unknown) => {
        // Without WebRTC this adapter can do nothing; say so, and let the Repo carry on
        // offline rather than wait for peers forever.
        this.rtc = null
        console.error('[echo-kit] WebRTC is unavailable:', err)
        this.markReady()
      },
    )
  }

  /**
   * Called by the Repo: sends one message to a connected peer. Messages to peers that are
   * not (or no longer) connected are dropped, as with every automerge-repo adapter.
   *
   * @example adapter.send({ type: 'sync', senderId, targetId, documentId, data })
   */
  send(message: Message): void {
    if (!this.connected) return
    const remote = this.byPeerId.get(message.targetId)
    if (!remote?.pc || !remote.session) return
    let bytes: Uint8Array
    try {
      bytes = cbor.encode(message)
    } catch {
      this.closedStats.badMessages++
      return
    }
    remote.pc.send('data', bytes)
  }

  /**
   * Called by the Repo: leaves the topics and closes every connection ('peer-disconnected'
   * for each announced peer). {@link connect} may be called again later and rejoins them.
   *
   * @example adapter.disconnect()
   */
  disconnect(): void {
    if (!this.connected) return
    this.connected = false
    this.generation++
    for (const off of this.unsubscribe.splice(0)) off()
    if (this.active) for (const topic of this.topics) this.signaling.leave(topic)
    this.active = false
    for (const remote of [...this.remotes.values()]) this.forget(remote)
    // Nothing left to wait for: a Repo blocked in whenReady() should go on (offline).
    this.markReady()
  }

  // ---- signaling events -------------------------------------------------------------

  private onPeers(e: SignalingPeersEvent): void {
    if (!this.active || !this.topics.has(e.topic)) return
    const listed = new Set(e.peers.filter((p) => typeof p === 'string' && p !== this.signaling.peerId))
    // The list is authoritative (it also answers re-joins after a signaling outage).
    for (const remote of [...this.remotes.values()]) {
      if (remote.topics.has(e.topic) && !listed.has(remote.id)) this.leftTopic(remote, e.topic)
    }
    const forReadiness = !this.ready && this.awaitingPeers.delete(e.topic)
    for (const id of listed) {
      const remote = this.remoteFor(id)
      remote.topics.add(e.topic)
      remote.retry = true
      remote.attempt = 0
      if (forReadiness && !remote.session) this.pendingReady.add(id)
      // Signals are not queued while signaling is down, so a negotiation that has been
      // going on for a while may never finish: start over. A fresh one (e.g. dialed for
      // another topic a moment ago) and an open connection are kept.
      const pc = remote.pc
      if (!pc || (pc.state === 'connecting' && Date.now() - remote.dialedAt > STALE_NEGOTIATION_MS)) this.dial(remote)
    }
    this.checkReady()
  }

  private onPeerJoined(e: SignalingPeerEvent): void {
    if (!this.active || !this.topics.has(e.topic) || e.peerId === this.signaling.peerId) return
    const remote = this.remoteFor(e.peerId)
    remote.topics.add(e.topic)
    remote.retry = true
    remote.attempt = 0
    // The newcomer dials everyone it finds in its `peers` list, so we wait for its offer:
    // dialing back would only make both sides offer at once (handled, but it costs the
    // ICE role conflict ~50 ms). If we still hold an old connection, the fresh offer (new
    // conn id) replaces it; if the offer never comes, the newcomer's connect timeout redials.
  }

  private onPeerLeft(e: SignalingPeerEvent): void {
    if (!this.active || !this.topics.has(e.topic)) return
    const remote = this.remotes.get(e.peerId)
    if (remote) this.leftTopic(remote, e.topic)
  }

  /**
   * `remote` is no longer in `topic`. Once it shares no topic with us, we stop redialing it,
   * but an open connection is kept: signaling says "left" also when only the remote's
   * signaling socket dropped, and WebRTC does not need it. A peer that really went away
   * closes the connection itself (or it fails).
   */
  private leftTopic(remote: Remote, topic: string): void {
    remote.topics.delete(topic)
    if (remote.topics.size > 0) return
    if (remote.retryTimer) clearTimeout(remote.retryTimer)
    remote.retryTimer = null
    if (remote.pc?.state !== 'open') this.forget(remote)
    else this.settleReady(remote.id)
  }

  private onSignal(e: SignalingSignalEvent): void {
    if (!this.active || !this.topics.has(e.topic) || e.from === this.signaling.peerId) return
    const signal = parseSignal(e.data)
    if (!signal) {
      this.closedStats.badSignals++
      return
    }
    const isOffer = signal.desc?.type === 'offer'
    // Only an offer can start something with a peer we hold nothing for.
    const remote = this.remotes.get(e.from) ?? (isOffer ? this.remoteFor(e.from) : undefined)
    if (!remote || remote.retired.includes(signal.conn)) return
    remote.signalTopic = e.topic
    let pc = remote.pc
    if (pc && pc.remoteConn !== undefined && pc.remoteConn !== signal.conn) {
      // Another remote connection: a restarted peer announces itself with an offer;
      // anything else is left over from a connection we have moved past.
      if (!isOffer) return
      this.lose(remote, pc, false)
      pc = null
    }
    if (!pc) {
      if (!isOffer) return
      pc = this.createConnection(remote)
    }
    if (pc.remoteConn === undefined) {
      // Learn the remote's conn only from a description, which it always sends first.
      if (!signal.desc) return
      pc.remoteConn = signal.conn
    }
    pc.signal(signal)
  }

  // ---- connections ------------------------------------------------------------------

  private remoteFor(id: string): Remote {
    let remote = this.remotes.get(id)
    if (!remote) {
      remote = {
        id,
        topics: new Set(),
        signalTopic: null,
        pc: null,
        dialedAt: 0,
        inbox: null,
        pending: null,
        session: null,
        retired: [],
        attempt: 0,
        announcedAt: 0,
        retry: true,
        retryTimer: null,
        connectTimer: null,
      }
      this.remotes.set(id, remote)
    }
    return remote
  }

  /** A topic to signal `remote` through: one we share, else the one it last called us on. */
  private signalTopicFor(remote: Remote): string | null {
    for (const topic of remote.topics) return topic
    return remote.signalTopic
  }

  private dial(remote: Remote): void {
    if (remote.pc) this.lose(remote, remote.pc, false)
    this.createConnection(remote).offer()
  }

  private createConnection(remote: Remote): PeerConnection {
    if (remote.retryTimer) clearTimeout(remote.retryTimer)
    remote.retryTimer = null
    const polite = this.signaling.peerId < remote.id
    const inbox = new HandshakeInbox()
    const pc: PeerConnection = new PeerConnection({
      RTCPeerConnection: this.ctor!,
      configuration: this.configuration,
      polite,
      maxMessageBytes: this.maxMessageBytes,
      sendSignal: (signal) => {
        const topic = this.signalTopicFor(remote)
        if (topic !== null) this.signaling.send(topic, remote.id, signal)
      },
      onOpen: () => void this.startSession(remote, pc, inbox, !polite),
      onReady: () => {
        if (remote.pc === pc && remote.pending) this.announce(remote, remote.pending)
      },
      onMessage: (kind, bytes) => {
        if (remote.pc !== pc) return
        if (kind === 'handshake') inbox.push(bytes)
        else this.receive(remote, bytes)
      },
      onClose: (_reason, refused) => {
        // Refused by the remote: do not dial again until it (re)joins; it may still call us.
        if (refused) remote.retry = false
        this.lose(remote, pc, true)
        if (refused) this.settleReady(remote.id)
      },
    })
    remote.pc = pc
    remote.dialedAt = Date.now()
    remote.inbox = inbox
    remote.connectTimer = setTimeout(() => {
      if (remote.pc === pc && !remote.session) this.lose(remote, pc, true)
    }, this.options.connectTimeoutMs ?? 15_000)
    return pc
  }

  private async startSession(remote: Remote, pc: PeerConnection, inbox: HandshakeInbox, initiator: boolean): Promise<void> {
    const hooks = this.options.session ?? helloSession
    const context: SessionContext = {
      remoteSignalingId: remote.id,
      initiator,
      localPeerId: this.peerId!,
      localPeerMetadata: this.peerMetadata ?? {},
    }
    const channel: HandshakeChannel = {
      // A copy: frames are cut lazily, and the hook may reuse its buffer.
      send: (bytes) => pc.send('handshake', bytes.slice()),
      receive: (timeoutMs) => inbox.receive(timeoutMs),
    }
    let session: Session | null | undefined
    try {
      session = await hooks.onOpen(context, channel)
    } catch {
      session = undefined
    }
    if (remote.pc !== pc || pc.state === 'closed' || !this.connected) return
    if (session === undefined) return this.lose(remote, pc, true)
    if (!isValidSession(session) || session.peerId === this.peerId) {
      // Refused (or nonsense): do not dial again; the remote may still call us later. It
      // is told so, and gets our last handshake message, so it need not retry either.
      remote.retry = false
      this.lose(remote, pc, false, { refuse: true })
      this.settleReady(remote.id)
      return
    }
    remote.pending = session
    // Tells the remote we accept it; onReady -> announce once it accepts us too.
    pc.setCipher(session)
  }

  /** Emits to our listeners; an exception there must not wreck connection bookkeeping. */
  private safeEmit<E extends 'peer-candidate' | 'peer-disconnected' | 'message'>(
    event: E,
    payload: Parameters<NetworkAdapterEvents[E]>[0],
  ): void {
    try {
      // The generic E defeats eventemitter3's per-event overloads; the signature above is exact.
      ;(this.emit as (e: string, p: unknown) => boolean).call(this, event, payload)
    } catch (err) {
      this.closedStats.listenerErrors++
      console.error(`[echo-kit] a '${event}' listener of WebRTCNetworkAdapter threw:`, err)
    }
  }

  /** Signaling handlers and timers must never throw (e.g. an RTCPeerConnection refusing its configuration). */
  private guard<E = void>(handler: (e: E) => void): (e: E) => void {
    return (e) => {
      try {
        handler(e)
      } catch {
        this.closedStats.signalErrors++
      }
    }
  }

  private announce(remote: Remote, session: Session): void {
    if (remote.connectTimer) clearTimeout(remote.connectTimer)
    remote.connectTimer = null
    const previous = this.byPeerId.get(session.peerId)
    if (previous && previous !== remote) {
      // Same automerge peer over another connection (e.g. it restarted under a new
      // signaling id while the old connection lingers): the newest one wins.
      previous.retry = false
      if (previous.pc) this.lose(previous, previous.pc, false)
    }
    remote.pending = null
    remote.session = session
    remote.announcedAt = Date.now()
    remote.inbox = null
    this.byPeerId.set(session.peerId, remote)
    this.safeEmit('peer-candidate', { peerId: session.peerId, peerMetadata: session.peerMetadata })
    this.settleReady(remote.id)
  }

  private receive(remote: Remote, bytes: Uint8Array): void {
    const session = remote.session
    if (!session) return
    let message: unknown
    try {
      message = cbor.decode(bytes)
    } catch {
      message = undefined
    }
    if (
      !isRecord(message) ||
      typeof message.type !== 'string' ||
      typeof message.senderId !== 'string' ||
      message.targetId !== this.peerId ||
      // Ephemeral messages are relayed with their original sender; everything else must
      // come from the peer this connection was established with.
      (message.type !== 'ephemeral' && message.senderId !== session.peerId) ||
      ('data' in message && message.data !== undefined && !(message.data instanceof Uint8Array))
    ) {
      this.closedStats.badMessages++
      return
    }
    this.safeEmit('message', message as unknown as Message)
  }

  /** Closes `pc` (if still current) and reports the peer gone; retries if asked and useful. */
  private lose(remote: Remote, pc: PeerConnection, retry: boolean, close: { drain?: boolean; refuse?: boolean } = {}): void {
    if (remote.pc !== pc) return
    pc.close(close)
    addStats(this.closedStats, pc.stats)
    remote.pc = null
    remote.inbox?.close()
    remote.inbox = null
    if (remote.connectTimer) clearTimeout(remote.connectTimer)
    remote.connectTimer = null
    if (pc.remoteConn !== undefined) {
      remote.retired.push(pc.remoteConn)
      if (remote.retired.length > MAX_RETIRED_CONNS) remote.retired.shift()
    }
    const session = remote.session
    remote.session = null
    remote.pending = null
    // Back off afresh only after a connection that lasted: one that dies right after its
    // handshake (e.g. every frame fails to decrypt) must not be redialed in a tight loop.
    if (session && Date.now() - remote.announcedAt > STABLE_MS) remote.attempt = 0
    if (session && this.byPeerId.get(session.peerId) === remote) {
      this.byPeerId.delete(session.peerId)
      this.safeEmit('peer-disconnected', { peerId: session.peerId })
    }
    if (retry && remote.retry && this.connected && remote.topics.size > 0) this.scheduleRetry(remote)
  }

  private scheduleRetry(remote: Remote): void {
    if (remote.retryTimer) return
    const base = this.options.retryBaseMs ?? 250
    const max = this.options.retryMaxMs ?? 30_000
    // Jitter keeps two peers that lost each other at the same moment from redialing in lockstep.
    const delay = Math.min(max, base * 2 ** remote.attempt) * (0.75 + Math.random() * 0.5)
    remote.attempt++
    remote.retryTimer = setTimeout(
      this.guard(() => {
        remote.retryTimer = null
        // The remote may have dialed us meanwhile, or left.
        if (this.connected && remote.topics.size > 0 && !remote.pc && this.remotes.get(remote.id) === remote) {
          this.dial(remote)
        }
      }),
      delay,
    )
  }

  /** Drops everything about a remote (it left, or we disconnect). */
  private forget(remote: Remote): void {
    if (remote.retryTimer) clearTimeout(remote.retryTimer)
    remote.retryTimer = null
    // Drain: what the Repo sent last (e.g. just before shutdown) should still arrive.
    if (remote.pc) this.lose(remote, remote.pc, false, { drain: true })
    this.remotes.delete(remote.id)
    this.settleReady(remote.id)
  }

  private settleReady(id: string): void {
    if (this.pendingReady.delete(id)) this.checkReady()
  }

  private checkReady(): void {
    if (!this.ready && this.connected && this.awaitingPeers.size === 0 && this.pendingReady.size === 0) this.markReady()
  }

  private markReady(): void {
    if (this.readyTimer) clearTimeout(this.readyTimer)
    this.readyTimer = null
    if (this.ready) return
    this.ready = true
    this.resolveReady()
  }
}

/** Handshake messages that arrived, and handshakes waiting for one. */
class HandshakeInbox {
  private readonly messages: Uint8Array[] = []
  private readonly waiters: Array<{
    resolve: (m: Uint8Array) => void
    reject: (e: Error) => void
    timer: ReturnType<typeof setTimeout>
  }> = []
  private closed = false

  push(message: Uint8Array): void {
    if (this.closed) return
    const waiter = this.waiters.shift()
    if (waiter) {
      clearTimeout(waiter.timer)
      waiter.resolve(message)
    } else if (this.messages.length < MAX_INBOX) {
      this.messages.push(message)
    }
  }

  receive(timeoutMs: number = HANDSHAKE_RECEIVE_TIMEOUT_MS): Promise<Uint8Array> {
    const queued = this.messages.shift()
    if (queued) return Promise.resolve(queued)
    if (this.closed) return Promise.reject(new Error('connection closed'))
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1)
          reject(new Error('handshake timed out'))
        }, timeoutMs),
      }
      this.waiters.push(waiter)
    })
  }

  close(): void {
    this.closed = true
    this.messages.length = 0
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer)
      w.reject(new Error('connection closed'))
    }
  }
}

// Kept in variables so bundlers do not try to pack Node-only modules into browser builds.
const NODE_POLYFILL = 'node-datachannel/polyfill'
const NODE_OS = 'node:os'

async function resolveRtc(
  options: WebRTCNetworkAdapterOptions,
): Promise<{ ctor: typeof RTCPeerConnection; configuration: RTCConfiguration }> {
  const iceServers = options.iceServers ?? []
  const given = options.RTCPeerConnection ?? globalThis.RTCPeerConnection
  if (typeof given === 'function') {
    const configuration = { iceServers, ...(options.bindAddress ? { bindAddress: options.bindAddress } : {}) }
    return { ctor: given, configuration }
  }
  const polyfill = (await import(/* @vite-ignore */ NODE_POLYFILL)) as { RTCPeerConnection: unknown }
  const bindAddress = options.bindAddress ?? (await loopbackOnlyAddress())
  return {
    ctor: polyfill.RTCPeerConnection as typeof RTCPeerConnection,
    configuration: { iceServers, ...(bindAddress ? { bindAddress } : {}) } as RTCConfiguration,
  }
}

// libdatachannel gathers no loopback candidates unless bound to loopback, so on a host with
// only `lo` (CI namespaces, sandboxes) nothing would ever connect with the default options.
async function loopbackOnlyAddress(): Promise<string | undefined> {
  try {
    const os = (await import(/* @vite-ignore */ NODE_OS)) as typeof import('node:os')
    const addresses = Object.values(os.networkInterfaces()).flat()
    return addresses.some((a) => a && !a.internal) ? undefined : '127.0.0.1'
  } catch {
    return undefined
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function toPeerMetadata(value: unknown): PeerMetadata {
  const out: PeerMetadata = {}
  if (!isRecord(value)) return out
  if (typeof value.storageId === 'string') out.storageId = value.storageId as PeerMetadata['storageId']
  if (typeof value.isEphemeral === 'boolean') out.isEphemeral = value.isEphemeral
  return out
}

function isValidSession(session: Session | null): session is Session {
  return (
    session !== null &&
    typeof session === 'object' &&
    typeof session.peerId === 'string' &&
    session.peerId.length > 0 &&
    typeof session.encrypt === 'function' &&
    typeof session.decrypt === 'function'
  )
}

function addStats(into: WebRTCNetworkAdapterStats, from: PeerConnectionStats): void {
  into.droppedFrames += from.droppedFrames
  into.droppedMessages += from.droppedMessages
  into.decryptFailures += from.decryptFailures
  into.signalErrors += from.signalErrors
}
