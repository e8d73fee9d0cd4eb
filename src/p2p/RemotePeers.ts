// The remote peers of a WebRTCNetworkAdapter and the life of their connections: one
// RemotePeer per signaling id, at most one PeerConnection each, taken through dial ->
// session handshake -> announce -> messages -> lost -> redial with backoff. The adapter
// decides when (signaling events, calls from the Repo); this decides how.
import { cbor, type Message, type NetworkAdapterEvents, type PeerId, type PeerMetadata } from '@automerge/automerge-repo/slim'
import type { InboundFilter, InboundMessage, Signaling } from '../core/network/index.ts'
import { redialDelay } from './backoff.ts'
import { HandshakeInbox } from './HandshakeInbox.ts'
import { helloSession } from './helloSession.ts'
import { PeerConnection } from './PeerConnection.ts'
import { RemotePeer } from './RemotePeer.ts'
import { isValidSession, type HandshakeChannel, type Session, type SessionContext, type SessionHooks } from './SessionHooks.ts'
import { addStats, emptyAdapterStats, type WebRTCNetworkAdapterStats } from './WebRTCNetworkAdapterStats.ts'

const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024
// A connection that lasted this long was a success: the next loss backs off afresh.
const STABLE_MS = 10_000

/**
 * The adapter options {@link RemotePeers} reads (a subset of WebRTCNetworkAdapterOptions,
 * with the same meaning and defaults).
 *
 * @example const options: RemotePeersOptions = { signaling, connectTimeoutMs: 5000 }
 */
export type RemotePeersOptions = {
  signaling: Signaling
  maxMessageBytes?: number
  session?: SessionHooks
  inbound?: InboundFilter
  connectTimeoutMs?: number
  retryBaseMs?: number
  retryMaxMs?: number
}

/** Events {@link RemotePeers} reports to the Repo through its adapter. */
type RepoEvent = 'peer-candidate' | 'peer-disconnected' | 'message'

/**
 * What {@link RemotePeers} needs from the adapter that owns it.
 *
 * @example see WebRTCNetworkAdapter's constructor
 */
export type RemotePeersHost = {
  /** True between the Repo's connect() and disconnect(): nothing is redialed otherwise. */
  isConnected(): boolean
  /** This Repo's automerge peer id and metadata, presented in handshakes. */
  local(): { peerId: PeerId | undefined; peerMetadata: PeerMetadata }
  /** Emits to the adapter's listeners (the Repo); must not throw. */
  emit<E extends RepoEvent>(event: E, payload: Parameters<NetworkAdapterEvents[E]>[0]): void
  /** The remote with this signaling id connected, refused or went away (for readiness). */
  settled(id: string): void
}

/**
 * The remote peers of one adapter and their connections. Connections can be created only
 * after {@link useRtc}; calls about a connection that is no longer its remote's current
 * `pc` are ignored, so late callbacks of old connections do no harm.
 *
 * @example
 * const peers = new RemotePeers(options, host)
 * peers.useRtc(RTCPeerConnection, { iceServers: [] })
 * peers.dial(peers.getOrCreate('bob'))
 */
export class RemotePeers {
  /**
   * Counters of what was dropped, over connections already closed plus the adapter's own
   * (bad signals, listener errors); {@link stats} adds the open connections.
   */
  readonly counters: WebRTCNetworkAdapterStats = emptyAdapterStats()
  readonly #options: RemotePeersOptions
  readonly #host: RemotePeersHost
  readonly #maxMessageBytes: number
  readonly #remotes = new Map<string, RemotePeer>()
  readonly #byPeerId = new Map<PeerId, RemotePeer>()
  #ctor: typeof RTCPeerConnection | null = null
  #configuration: RTCConfiguration = {}

  constructor(options: RemotePeersOptions, host: RemotePeersHost) {
    this.#options = options
    this.#host = host
    this.#maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES
  }

  /** The WebRTC implementation new connections are built with (known once it has loaded). */
  useRtc(ctor: typeof RTCPeerConnection, configuration: RTCConfiguration): void {
    this.#ctor = ctor
    this.#configuration = configuration
  }

  /** Drop counters over all connections so far, open ones included. */
  get stats(): WebRTCNetworkAdapterStats {
    const total = { ...this.counters }
    for (const remote of this.#remotes.values()) if (remote.pc) addStats(total, remote.pc.stats)
    return total
  }

  /** The remote with this signaling id, if we hold anything for it. */
  get(id: string): RemotePeer | undefined {
    return this.#remotes.get(id)
  }

  /** The remote with this signaling id, created if new. */
  getOrCreate(id: string): RemotePeer {
    let remote = this.#remotes.get(id)
    if (!remote) {
      remote = new RemotePeer(id)
      this.#remotes.set(id, remote)
    }
    return remote
  }

  /** A snapshot of every remote, safe to iterate while forgetting some. */
  all(): RemotePeer[] {
    return [...this.#remotes.values()]
  }

  /** The remote announced to the Repo under this automerge peer id. */
  byPeerId(peerId: PeerId): RemotePeer | undefined {
    return this.#byPeerId.get(peerId)
  }

  /** Automerge peer ids announced to the Repo and still connected. */
  peerIds(): PeerId[] {
    return [...this.#byPeerId.keys()]
  }

  /** Sends one Repo message to its target, if that peer is connected; else drops it. */
  send(message: Message): void {
    const remote = this.#byPeerId.get(message.targetId)
    if (!remote?.pc || !remote.session) return
    let bytes: Uint8Array
    try {
      bytes = cbor.encode(message)
    } catch {
      // The Repo handed us something CBOR cannot carry: counted, since it can never be sent.
      this.counters.badMessages++
      return
    }
    remote.pc.send('data', bytes)
  }

  /** Replaces any connection to `remote` with a new one, and offers. */
  dial(remote: RemotePeer): void {
    if (remote.pc) this.lose(remote, remote.pc, false)
    this.createConnection(remote).offer()
  }

  /**
   * A new connection to `remote`, which becomes its current one; the caller offers, or feeds
   * it the remote's offer. Negotiation and handshake must finish within `connectTimeoutMs`.
   */
  createConnection(remote: RemotePeer): PeerConnection {
    remote.stopRetryTimer()
    const signaling = this.#options.signaling
    const polite = signaling.peerId < remote.id
    const inbox = new HandshakeInbox()
    const pc: PeerConnection = new PeerConnection({
      RTCPeerConnection: this.#ctor!,
      configuration: this.#configuration,
      polite,
      maxMessageBytes: this.#maxMessageBytes,
      sendSignal: (signal) => {
        const topic = remote.signalTopicFor()
        if (topic !== null) signaling.send(topic, remote.id, signal)
      },
      onOpen: () => void this.#startSession(remote, pc, inbox, !polite),
      onReady: () => {
        if (remote.pc === pc && remote.pending) this.#announce(remote, remote.pending)
      },
      onMessage: (kind, bytes) => {
        if (remote.pc !== pc) return
        if (kind === 'handshake') inbox.push(bytes)
        else this.#receive(remote, bytes)
      },
      onClose: (_reason, refused) => {
        // Refused by the remote: do not dial again until it (re)joins; it may still call us.
        if (refused) remote.retry = false
        this.lose(remote, pc, true)
        if (refused) this.#host.settled(remote.id)
      },
    })
    remote.pc = pc
    remote.dialedAt = Date.now()
    remote.inbox = inbox
    remote.connectTimer = setTimeout(() => {
      if (remote.pc === pc && !remote.session) this.lose(remote, pc, true)
    }, this.#options.connectTimeoutMs ?? 15_000)
    return pc
  }

  /** Closes `pc` (if still current) and reports the peer gone; retries if asked and useful. */
  lose(remote: RemotePeer, pc: PeerConnection, retry: boolean, close: { drain?: boolean; refuse?: boolean } = {}): void {
    if (remote.pc !== pc) return
    pc.close(close)
    addStats(this.counters, pc.stats)
    remote.pc = null
    remote.inbox?.close()
    remote.inbox = null
    remote.stopConnectTimer()
    if (pc.remoteConn !== undefined) remote.retire(pc.remoteConn)
    const session = remote.session
    remote.session = null
    remote.pending = null
    // Back off afresh only after a connection that lasted: one that dies right after its
    // handshake (e.g. every frame fails to decrypt) must not be redialed in a tight loop.
    if (session && Date.now() - remote.announcedAt > STABLE_MS) remote.attempt = 0
    if (session && this.#byPeerId.get(session.peerId) === remote) {
      this.#byPeerId.delete(session.peerId)
      this.#host.emit('peer-disconnected', { peerId: session.peerId })
    }
    if (retry && remote.retry && this.#host.isConnected() && remote.topics.size > 0) this.#scheduleRetry(remote)
  }

  /** Drops everything about a remote (it left, or we disconnect). */
  forget(remote: RemotePeer): void {
    remote.stopRetryTimer()
    // Drain: what the Repo sent last (e.g. just before shutdown) should still arrive.
    if (remote.pc) this.lose(remote, remote.pc, false, { drain: true })
    this.#remotes.delete(remote.id)
    this.#host.settled(remote.id)
  }

  /**
   * Wraps a signaling handler or timer callback: they must never throw (e.g. an
   * RTCPeerConnection refusing its configuration), so an exception is counted in
   * `signalErrors` instead.
   */
  guard<E = void>(handler: (e: E) => void): (e: E) => void {
    return (e) => {
      try {
        handler(e)
      } catch {
        // Thrown inside a signaling emitter or a timer, nobody could handle it: count it.
        this.counters.signalErrors++
      }
    }
  }

  async #startSession(remote: RemotePeer, pc: PeerConnection, inbox: HandshakeInbox, initiator: boolean): Promise<void> {
    const hooks = this.#options.session ?? helloSession
    const local = this.#host.local()
    const context: SessionContext = {
      remoteSignalingId: remote.id,
      initiator,
      localPeerId: local.peerId!,
      localPeerMetadata: local.peerMetadata,
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
      // A handshake that threw or timed out may succeed next time: counted, then redialed below.
      this.counters.handshakeFailures++
      session = undefined
    }
    if (remote.pc !== pc || pc.state === 'closed' || !this.#host.isConnected()) return
    if (session === undefined) return this.lose(remote, pc, true)
    if (!isValidSession(session) || session.peerId === this.#host.local().peerId) {
      // Refused (or nonsense): do not dial again; the remote may still call us later. It
      // is told so, and gets our last handshake message, so it need not retry either.
      remote.retry = false
      this.lose(remote, pc, false, { refuse: true })
      this.#host.settled(remote.id)
      return
    }
    remote.pending = session
    // Tells the remote we accept it; onReady -> announce once it accepts us too.
    pc.setCipher(session)
  }

  #announce(remote: RemotePeer, session: Session): void {
    remote.stopConnectTimer()
    const previous = this.#byPeerId.get(session.peerId)
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
    this.#byPeerId.set(session.peerId, remote)
    this.#host.emit('peer-candidate', { peerId: session.peerId, peerMetadata: session.peerMetadata })
    this.#host.settled(remote.id)
  }

  #receive(remote: RemotePeer, bytes: Uint8Array): void {
    const session = remote.session
    if (!session) return
    let message: unknown
    try {
      message = cbor.decode(bytes)
    } catch {
      // Not CBOR: fails the shape check below, which counts it as a bad message.
      message = undefined
    }
    if (
      !isRecord(message) ||
      typeof message.type !== 'string' ||
      typeof message.senderId !== 'string' ||
      message.targetId !== this.#host.local().peerId ||
      // Every message, ephemeral ones too, must come from the peer this session proved to be:
      // a relayed or spoofed sender is refused (relays would let a peer speak for another).
      message.senderId !== session.peerId ||
      ('data' in message && message.data !== undefined && !(message.data instanceof Uint8Array))
    ) {
      this.counters.badMessages++
      return
    }
    const filter = this.#options.inbound
    if (!filter) return this.#host.emit('message', message as unknown as Message)
    const verdict = filter(session.peerId, message as unknown as InboundMessage)
    if (verdict === true) return this.#host.emit('message', message as unknown as Message)
    if (verdict === false) return
    // Held by the engine until it can decide (e.g. the space's members are not known yet);
    // delivered only if the same session is still up.
    verdict.then(
      (ok) => {
        if (ok && remote.session === session) this.#host.emit('message', message as unknown as Message)
      },
      // The engine's filter must not fail; if it does, the message is refused like any other.
      () => this.counters.badMessages++,
    )
  }

  #scheduleRetry(remote: RemotePeer): void {
    if (remote.retryTimer) return
    const delay = redialDelay(remote.attempt, this.#options.retryBaseMs ?? 250, this.#options.retryMaxMs ?? 30_000)
    remote.attempt++
    remote.retryTimer = setTimeout(
      this.guard(() => {
        remote.retryTimer = null
        // The remote may have dialed us meanwhile, or left.
        if (this.#host.isConnected() && remote.topics.size > 0 && !remote.pc && this.#remotes.get(remote.id) === remote) {
          this.dial(remote)
        }
      }),
      delay,
    )
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
