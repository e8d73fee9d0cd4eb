// automerge-repo network adapter over WebRTC data channels. One adapter serves any number of
// signaling topics (join/leave), with one PeerConnection per remote peer however many topics
// we share with it; peers are found and negotiated through a Signaling.
//
// Lifecycle of a remote peer (keyed by its signaling id):
//   discovered -> the newcomer (who got a `peers` list) offers; after a lost connection both
//   sides redial with backoff, and if both offer at once PeerConnection resolves the glare
//   -> data channel open -> session handshake (SessionHooks, or a plain hello) on both sides
//   -> both accepted (each says so on the channel) -> 'peer-candidate' -> messages
//   -> connection lost -> 'peer-disconnected' -> redial with exponential backoff while the
//   peer is still in one of our topics. A side that refuses tells the other, and neither
//   redials. This file handles the Repo's calls and signaling events; RemotePeers runs the
//   connections, ReadyGate decides when the adapter is ready.
//
// Every signal carries the id of the PeerConnection instance that sent it ("conn"). That is
// how a restarted remote (new conn, new offer) is told apart from stale messages of an old
// connection, without any timing assumptions.
import {
  NetworkAdapter,
  type Message,
  type NetworkAdapterEvents,
  type PeerId,
  type PeerMetadata,
} from '@automerge/automerge-repo/slim'
import type { IceServer, InboundFilter, Signaling, SignalingPeerEvent, SignalingPeersEvent, SignalingSignalEvent } from '../core/network/index.ts'
import { parseSignal } from './PeerSignal.ts'
import { ReadyGate } from './ReadyGate.ts'
import type { RemotePeer } from './RemotePeer.ts'
import { RemotePeers } from './RemotePeers.ts'
import type { PeerConnectionConstructor } from './PeerConnectionConstructor.ts'
import { resolveRtc, type ResolvedRtc } from './resolveRtc.ts'
import type { SessionHooks } from './SessionHooks.ts'
import type { WebRTCNetworkAdapterStats } from './WebRTCNetworkAdapterStats.ts'

// Session and SessionHooks live in SessionHooks.ts; deviceSession.ts imports them from here.
export type { Session, SessionHooks } from './SessionHooks.ts'

/**
 * Options of {@link WebRTCNetworkAdapter}.
 *
 * @example
 * const options: WebRTCNetworkAdapterOptions = { signaling, topic, bindAddress: '127.0.0.1' }
 */
export type WebRTCNetworkAdapterOptions = {
  signaling: Signaling
  /** A signaling topic whose peers this adapter connects to. */
  topic?: string
  /** More topics (e.g. one per space); see also {@link WebRTCNetworkAdapter.join}. */
  topics?: string[]
  /** Default: none, so only host candidates (LAN, loopback); no external service is contacted. */
  iceServers?: IceServer[]
  /** Default: the global one, else node-datachannel's polyfill (loaded only in that case). */
  RTCPeerConnection?: PeerConnectionConstructor
  /**
   * node-datachannel only: the local address to gather candidates on. Default: all
   * interfaces, or 127.0.0.1 on a host that has nothing but loopback.
   */
  bindAddress?: string
  /** Largest message accepted from a peer, in bytes (default 64 MiB). Larger ones are dropped. */
  maxMessageBytes?: number
  /** Authenticated-session layer; default {@link helloSession}. */
  session?: SessionHooks
  /**
   * The engine's inbound filter: asked for every well-formed message of a session before the
   * Repo sees it. False drops it (the engine counts it); a promise holds it until decided.
   */
  inbound?: InboundFilter
  /** How long `whenReady()` waits for the peers already in the topics (default 5 s). */
  readyTimeoutMs?: number
  /** Negotiation + handshake must finish within this, else retry (default 15 s). */
  connectTimeoutMs?: number
  /** First retry delay after a lost connection; doubles per attempt (default 250 ms). */
  retryBaseMs?: number
  /** Longest retry delay (default 30 s). */
  retryMaxMs?: number
}

// Signals are not queued while signaling is down, so a negotiation older than this when a
// fresh `peers` list arrives may never finish: it is started over.
const STALE_NEGOTIATION_MS = 3000

/**
 * automerge-repo NetworkAdapter that syncs with every peer of its signaling topics over
 * WebRTC data channels (perfect negotiation, chunking, backpressure, reconnect with backoff).
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
  /** Topics we want to be in; kept across disconnect/connect. */
  private readonly topics: Set<string>
  private rtc: Promise<ResolvedRtc> | null = null
  private connected = false
  /** Subscribed to signaling and in `topics` (connected, and WebRTC loaded). */
  private active = false
  // Bumped by connect/disconnect so async steps started by an older connect() give up.
  private generation = 0
  private unsubscribe: Array<() => void> = []
  private readonly peers: RemotePeers
  private readonly gate = new ReadyGate()

  constructor(options: WebRTCNetworkAdapterOptions) {
    super()
    this.options = options
    this.signaling = options.signaling
    this.topics = new Set([...(options.topic === undefined ? [] : [options.topic]), ...(options.topics ?? [])])
    this.peers = new RemotePeers(options, {
      isConnected: () => this.connected,
      local: () => ({ peerId: this.peerId, peerMetadata: this.peerMetadata ?? {} }),
      emit: (event, payload) => this.safeEmit(event, payload),
      settled: (id) => this.gate.settle(id),
    })
  }

  /**
   * True once the peers already in the topics at connect time are connected (or refused,
   * gone, or the wait timed out). The Repo waits for this before it declares a document
   * unavailable. @example adapter.isReady()
   */
  isReady(): boolean {
    return this.gate.isReady
  }

  /** Resolves when {@link isReady} becomes true. @example await adapter.whenReady() */
  whenReady(): Promise<void> {
    return this.gate.whenReady()
  }

  /** Drop counters over all connections so far. @example adapter.stats.droppedFrames */
  get stats(): WebRTCNetworkAdapterStats {
    return this.peers.stats
  }

  /** Automerge peer ids currently connected through this adapter. @example adapter.connectedPeers() */
  connectedPeers(): PeerId[] {
    return this.peers.peerIds()
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
    this.gate.dropTopic(topic)
    for (const remote of this.peers.all()) {
      remote.topics.delete(topic)
      if (remote.signalTopic === topic) remote.signalTopic = null
      if (remote.topics.size === 0 && remote.signalTopic === null) this.peers.forget(remote)
    }
    this.gate.check()
  }

  /**
   * Cuts a connected peer off now (e.g. a revoked device): the connection closes, the peer
   * is told it is refused, and neither side redials until it joins one of our topics again
   * (when the session handshake decides afresh).
   *
   * @example adapter.refusePeer(revokedPeerId)
   */
  refusePeer(peerId: PeerId): void {
    const remote = this.peers.byPeerId(peerId)
    if (!remote?.pc) return
    remote.retry = false
    this.peers.lose(remote, remote.pc, false, { refuse: true })
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
    this.gate.start(this.topics, this.options.readyTimeoutMs ?? 5000)
    this.rtc ??= resolveRtc(this.options)
    this.rtc.then(
      ({ ctor, configuration }) => {
        if (generation !== this.generation) return
        this.peers.useRtc(ctor, configuration)
        const s = this.signaling
        const guard = this.peers.guard.bind(this.peers)
        this.unsubscribe = [
          s.on('peers', guard((e) => this.onPeers(e))),
          s.on('peer-joined', guard((e) => this.onPeerJoined(e))),
          s.on('peer-left', guard((e) => this.onPeerLeft(e))),
          s.on('signal', guard((e) => this.onSignal(e))),
        ]
        this.active = true
        for (const topic of this.topics) s.join(topic)
      },
      (err: unknown) => {
        // Without WebRTC this adapter can do nothing; say so, and let the Repo carry on
        // offline rather than wait for peers forever.
        this.rtc = null
        console.error('[echo-kit] WebRTC is unavailable:', err)
        this.gate.open()
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
    // automerge-repo relays other peers' ephemeral messages under their sender id; every
    // session refuses a sender that is not its own peer, so a relay would only be counted there.
    if (message.type === 'ephemeral' && message.senderId !== this.peerId) return
    this.peers.send(message)
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
    for (const remote of this.peers.all()) this.peers.forget(remote)
    // Nothing left to wait for: a Repo blocked in whenReady() should go on (offline).
    this.gate.open()
  }

  // ---- signaling events -------------------------------------------------------------

  private onPeers(e: SignalingPeersEvent): void {
    if (!this.active || !this.topics.has(e.topic)) return
    const listed = new Set(e.peers.filter((p) => typeof p === 'string' && p !== this.signaling.peerId))
    // The list is authoritative (it also answers re-joins after a signaling outage).
    for (const remote of this.peers.all()) {
      if (remote.topics.has(e.topic) && !listed.has(remote.id)) this.leftTopic(remote, e.topic)
    }
    const forReadiness = this.gate.takeFirstList(e.topic)
    for (const id of listed) {
      const remote = this.peers.getOrCreate(id)
      remote.topics.add(e.topic)
      remote.retry = true
      remote.attempt = 0
      if (forReadiness && !remote.session) this.gate.waitFor(id)
      // Signals are not queued while signaling is down, so a negotiation that has been
      // going on for a while may never finish: start over. A fresh one (e.g. dialed for
      // another topic a moment ago) and an open connection are kept.
      const pc = remote.pc
      if (!pc || (pc.state === 'connecting' && Date.now() - remote.dialedAt > STALE_NEGOTIATION_MS)) this.peers.dial(remote)
    }
    this.gate.check()
  }

  private onPeerJoined(e: SignalingPeerEvent): void {
    if (!this.active || !this.topics.has(e.topic) || e.peerId === this.signaling.peerId) return
    const remote = this.peers.getOrCreate(e.peerId)
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
    const remote = this.peers.get(e.peerId)
    if (remote) this.leftTopic(remote, e.topic)
  }

  /**
   * `remote` is no longer in `topic`. Once it shares no topic with us, we stop redialing it,
   * but an open connection is kept: signaling says "left" also when only the remote's
   * signaling socket dropped, and WebRTC does not need it. A peer that really went away
   * closes the connection itself (or it fails).
   */
  private leftTopic(remote: RemotePeer, topic: string): void {
    remote.topics.delete(topic)
    if (remote.topics.size > 0) return
    remote.stopRetryTimer()
    if (remote.pc?.state !== 'open') this.peers.forget(remote)
    else this.gate.settle(remote.id)
  }

  private onSignal(e: SignalingSignalEvent): void {
    if (!this.active || !this.topics.has(e.topic) || e.from === this.signaling.peerId) return
    const signal = parseSignal(e.data)
    if (!signal) {
      this.peers.counters.badSignals++
      return
    }
    const isOffer = signal.desc?.type === 'offer'
    // Only an offer can start something with a peer we hold nothing for.
    const remote = this.peers.get(e.from) ?? (isOffer ? this.peers.getOrCreate(e.from) : undefined)
    if (!remote || remote.retired.includes(signal.conn)) return
    remote.signalTopic = e.topic
    let pc = remote.pc
    if (pc && pc.remoteConn !== undefined && pc.remoteConn !== signal.conn) {
      // Another remote connection: a restarted peer announces itself with an offer;
      // anything else is left over from a connection we have moved past.
      if (!isOffer) return
      this.peers.lose(remote, pc, false)
      pc = null
    }
    if (!pc) {
      if (!isOffer) return
      pc = this.peers.createConnection(remote)
    }
    if (pc.remoteConn === undefined) {
      // Learn the remote's conn only from a description, which it always sends first.
      if (!signal.desc) return
      pc.remoteConn = signal.conn
    }
    pc.signal(signal)
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
      this.peers.counters.listenerErrors++
      console.error(`[echo-kit] a '${event}' listener of WebRTCNetworkAdapter threw:`, err)
    }
  }
}
