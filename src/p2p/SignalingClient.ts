// Client of the signaling server, for browsers and Node. One object per device: it keeps a
// WebSocket open (reconnecting with backoff when it drops), remembers the topics the app wants
// and re-joins them, and hands validated events to the WebRTC layer. Signals are not queued
// while disconnected: WebRTC negotiation restarts from the fresh `peers` list after a rejoin,
// and stale offers would only confuse it.
import { EchoError, toBase64Url } from '../core/shared/index.ts'
import { backoff } from './backoff.ts'
import { resolveWebSocket, type WebSocketConstructor, type WebSocketLike } from './resolveWebSocket.ts'
import { resolveSignalingOptions, type ResolvedSignalingOptions, type SignalingClientOptions } from './SignalingClientOptions.ts'
import { SignalingEmitter, type SignalingEventName, type SignalingEvents } from './SignalingEmitter.ts'
import {
  helloBytes,
  PEER_ID_PATTERN,
  TOPIC_PATTERN,
  isServerMessage,
  isSignalData,
  parseSignalingMessage,
  utf8Length,
  type ClientMessage,
  type ServerMessage,
  type SignalData,
} from './signalingProtocol.ts'

/**
 * Connection state: `connecting` (opening, or waiting to retry), `open` (server said welcome),
 * `closed` (not started, or {@link SignalingClient.close} was called).
 *
 * @example if (sc.status === 'open') showOnline()
 */
export type SignalingStatus = 'connecting' | 'open' | 'closed'

const OPEN = 1

/**
 * Connects one device to the signaling server(s): joins topics, relays signals, reconnects.
 *
 * @example
 * import { WebSocket } from 'ws' // Node only; browsers have a global WebSocket
 * const sc = new SignalingClient({ urls: 'ws://127.0.0.1:4100', WebSocket })
 * sc.subscribe(() => console.log('status', sc.status))
 * sc.on('peers', ({ topic, peers }) => peers.forEach((p) => sc.send(topic, p, { hi: true })))
 * sc.on('signal', ({ from, data }) => console.log(from, data))
 * sc.join('k2Zl0cQ9w8x7y6z5a4b3')
 * sc.connect()
 */
export class SignalingClient {
  /** This client's peer id: its signaling key's public half (base64url), proven to the server. */
  readonly peerId: string
  /** Incoming frames dropped because they failed validation (or came at the wrong time). */
  droppedFrames = 0

  private readonly settings: ResolvedSignalingOptions

  private state: SignalingStatus = 'closed'
  private readonly events = new SignalingEmitter()
  private readonly topics = new Set<string>()
  private readonly duplicateRetries = new Map<string, { timer: ReturnType<typeof setTimeout> | null; attempt: number }>()

  private ws: WebSocketLike | null = null
  private welcomed = false
  private attempt = 0
  private urlIndex = 0
  // Bumped on every connect/close so late async work (import('ws'), timers) can tell it is stale.
  private generation = 0
  private lastFrameAt = 0
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null
  private connectTimer: ReturnType<typeof setTimeout> | null = null
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null

  constructor(options: SignalingClientOptions) {
    this.settings = resolveSignalingOptions(options)
    this.peerId = this.settings.peerId
  }

  /**
   * Current connection state; a stable snapshot for `useSyncExternalStore`.
   *
   * @example useSyncExternalStore((l) => sc.subscribe(l), () => sc.status)
   */
  get status(): SignalingStatus {
    return this.state
  }

  /**
   * Calls `listener` after every status change. Returns the unsubscribe function.
   *
   * @example const off = sc.subscribe(() => render(sc.status)); off()
   */
  subscribe(listener: () => void): () => void {
    return this.events.subscribe(listener)
  }

  /**
   * Listens to one server event; returns the unsubscribe function. Events arrive only for
   * topics currently joined.
   *
   * @example const off = sc.on('signal', ({ topic, from, data }) => pc.handle(from, data))
   */
  on<K extends SignalingEventName>(event: K, handler: (event: SignalingEvents[K]) => void): () => void {
    return this.events.on(event, handler)
  }

  /**
   * Starts connecting (no-op unless closed). Keeps reconnecting until {@link close}.
   *
   * @example sc.connect()
   */
  connect(): void {
    if (this.state !== 'closed') return
    this.generation++
    this.attempt = 0
    this.setStatus('connecting')
    void this.openSocket(this.generation)
  }

  /**
   * Disconnects and stops reconnecting. Joined topics are kept for a later {@link connect}.
   *
   * @example window.addEventListener('pagehide', () => sc.close())
   */
  close(): void {
    if (this.state === 'closed') return
    this.generation++
    this.clearTimers()
    for (const retry of this.duplicateRetries.values()) if (retry.timer) clearTimeout(retry.timer)
    this.duplicateRetries.clear()
    this.dropSocket(1000, 'client closed')
    this.setStatus('closed')
  }

  /**
   * Joins `topic` now if connected, and again after every reconnect until {@link leave}.
   *
   * @example sc.join(await topicFor(spaceSecret))
   */
  join(topic: string): void {
    assertTopic(topic)
    if (this.topics.has(topic)) return
    this.topics.add(topic)
    if (this.isReady()) this.sendFrame({ type: 'join', topic })
  }

  /**
   * Leaves `topic` and forgets it; later events for it are ignored.
   *
   * @example sc.leave(topic)
   */
  leave(topic: string): void {
    assertTopic(topic)
    if (!this.topics.delete(topic)) return
    const retry = this.duplicateRetries.get(topic)
    if (retry?.timer) clearTimeout(retry.timer)
    this.duplicateRetries.delete(topic)
    if (this.isReady()) this.sendFrame({ type: 'leave', topic })
  }

  /**
   * Sends `data` to peer `to` in `topic`. Returns false when it was not sent (not connected,
   * or topic not joined): signals are not queued, see the file comment.
   *
   * @example sc.send(topic, 'bob', { type: 'offer', sdp: offer.sdp })
   */
  send(topic: string, to: string, data: SignalData): boolean {
    assertTopic(topic)
    if (typeof to !== 'string' || !PEER_ID_PATTERN.test(to)) {
      throw new EchoError('INVALID_VALUE', `'${String(to)}' is not a valid peer id.`)
    }
    if (!isSignalData(data)) {
      throw new EchoError('INVALID_VALUE', 'Signal data must be a JSON object (not an array or null).')
    }
    if (!this.isReady() || !this.topics.has(topic)) return false
    return this.sendFrame({ type: 'signal', topic, to, data })
  }

  private isReady(): boolean {
    return this.state === 'open' && this.ws !== null && this.ws.readyState === OPEN
  }

  private sendFrame(msg: ClientMessage): boolean {
    const ws = this.ws
    if (!ws || ws.readyState !== OPEN) return false
    const text = JSON.stringify(msg)
    // Length in UTF-16 units is a lower bound of the UTF-8 size: check bytes only when close.
    if (text.length * 3 > this.settings.maxMessageBytes && utf8Length(text) > this.settings.maxMessageBytes) {
      throw new EchoError(
        'INVALID_VALUE',
        `Signal of ${utf8Length(text)} bytes exceeds the ${this.settings.maxMessageBytes} byte limit; send large data over the peer connection.`,
      )
    }
    try {
      ws.send(text)
      return true
    } catch {
      // The socket is closing under us: report "not sent" (signals are not queued, see the
      // file comment); its close event triggers the reconnect.
      return false
    }
  }

  private setStatus(next: SignalingStatus): void {
    if (this.state === next) return
    this.state = next
    this.events.notify()
  }

  private async openSocket(generation: number): Promise<void> {
    let Ctor: WebSocketConstructor
    try {
      Ctor = await resolveWebSocket(this.settings.WebSocket)
    } catch (err) {
      if (generation !== this.generation) return
      // Without a WebSocket implementation retrying cannot help; surface it and stop.
      this.setStatus('closed')
      this.events.emit('error', { code: 'NO_WEBSOCKET', message: (err as Error).message })
      return
    }
    if (generation !== this.generation) return

    const url = this.settings.urls[this.urlIndex % this.settings.urls.length]!
    let ws: WebSocketLike
    try {
      ws = new Ctor(url)
    } catch (err) {
      // The constructor refused (e.g. a browser blocking ws:// on an https page): say so,
      // then count it as a failed attempt, which moves on to the next URL.
      this.events.emit('error', { code: 'CONNECT_FAILED', message: errorMessage(err) })
      this.scheduleReconnect()
      return
    }
    this.ws = ws
    this.welcomed = false
    this.lastFrameAt = Date.now()
    this.connectTimer = setTimeout(() => {
      if (this.ws === ws && !this.welcomed) this.onSocketGone(ws)
    }, this.settings.connectTimeoutMs)

    // The server speaks first (a `challenge`); nothing to send on open.
    ws.onopen = () => {}
    ws.onmessage = (event: { data?: unknown }) => {
      if (this.ws !== ws) return
      this.lastFrameAt = Date.now()
      this.onFrame(event.data)
    }
    ws.onclose = () => this.onSocketGone(ws)
    // An error is always followed by close; reconnecting is decided there.
    ws.onerror = () => {}
  }

  private onFrame(raw: unknown): void {
    const msg = typeof raw === 'string' ? parseSignalingMessage(raw) : null
    if (!msg || !isServerMessage(msg)) {
      this.droppedFrames++
      return
    }
    if (!this.welcomed) {
      if (msg.type === 'challenge') this.sendHello(msg.nonce)
      else if (msg.type === 'welcome' && msg.peerId === this.peerId) this.onWelcome()
      else if (msg.type === 'error') this.events.emit('error', errorEvent(msg))
      else this.droppedFrames++
      return
    }
    this.dispatch(msg)
  }

  // Proves this client holds the key its peer id is: a signature over this connection's nonce.
  private sendHello(nonce: string): void {
    const sig = toBase64Url(this.settings.signer.sign(helloBytes(nonce)))
    this.sendFrame({ type: 'hello', key: this.peerId, sig })
  }

  private onWelcome(): void {
    this.welcomed = true
    this.attempt = 0
    if (this.connectTimer) clearTimeout(this.connectTimer)
    this.connectTimer = null
    this.startHeartbeat()
    this.setStatus('open')
    for (const topic of this.topics) this.sendFrame({ type: 'join', topic })
  }

  private dispatch(msg: ServerMessage): void {
    switch (msg.type) {
      case 'peers':
        if (!this.topics.has(msg.topic)) return
        this.duplicateRetries.delete(msg.topic)
        this.events.emit('peers', { topic: msg.topic, peers: msg.peers.filter((p) => p !== this.peerId) })
        return
      case 'peer-joined':
      case 'peer-left':
        if (this.topics.has(msg.topic) && msg.peerId !== this.peerId) {
          this.events.emit(msg.type, { topic: msg.topic, peerId: msg.peerId })
        }
        return
      case 'signal':
        if ('from' in msg && this.topics.has(msg.topic)) {
          this.events.emit('signal', { topic: msg.topic, from: msg.from, data: msg.data })
        }
        return
      case 'error':
        if (msg.code === 'DUPLICATE_PEER' && msg.topic !== undefined) this.retryJoin(msg.topic)
        this.events.emit('error', errorEvent(msg))
        return
      case 'pong':
        return
      case 'welcome':
      case 'challenge':
        this.droppedFrames++
        return
    }
  }

  // The server refuses a second holder of our peer id in a topic. Usually that holder is our own
  // previous socket, not yet noticed dead; the server probes it, so retrying soon succeeds.
  private retryJoin(topic: string): void {
    if (!this.topics.has(topic)) return
    const retry = this.duplicateRetries.get(topic) ?? { timer: null, attempt: 0 }
    if (retry.timer) return
    const delay = this.backoff(retry.attempt++)
    const generation = this.generation
    retry.timer = setTimeout(() => {
      retry.timer = null
      if (generation !== this.generation || !this.topics.has(topic) || !this.isReady()) return
      this.sendFrame({ type: 'join', topic })
    }, delay)
    this.duplicateRetries.set(topic, retry)
  }

  private startHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer)
    const ws = this.ws
    this.heartbeatTimer = setInterval(() => {
      if (this.ws !== ws || !ws) return
      // A sleeping laptop or a silently dropped NAT mapping never fires `close`: notice it here.
      if (Date.now() - this.lastFrameAt > 2 * this.settings.heartbeatMs) {
        this.onSocketGone(ws)
        return
      }
      this.sendFrame({ type: 'ping' })
    }, this.settings.heartbeatMs)
  }

  private onSocketGone(ws: WebSocketLike): void {
    if (this.ws !== ws) return
    this.dropSocket(4000, 'reconnecting')
    if (this.state === 'closed') return
    this.setStatus('connecting')
    this.scheduleReconnect()
  }

  private dropSocket(code: number, reason: string): void {
    const ws = this.ws
    this.ws = null
    this.welcomed = false
    if (this.connectTimer) clearTimeout(this.connectTimer)
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer)
    this.connectTimer = null
    this.heartbeatTimer = null
    for (const retry of this.duplicateRetries.values()) if (retry.timer) clearTimeout(retry.timer)
    this.duplicateRetries.clear()
    if (!ws) return
    ws.onopen = ws.onmessage = ws.onclose = null
    // Not null: Node's ws emits 'error' when a still-connecting socket is closed, and an
    // EventEmitter 'error' without a listener would crash the process.
    ws.onerror = () => {}
    try {
      ws.close(code, reason)
    } catch {
      // Already closed or never opened: nothing is left to close.
    }
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    // Rotating servers on every failure lets a client move off a dead one without a config change.
    this.urlIndex = (this.urlIndex + 1) % this.settings.urls.length
    const delay = this.backoff(this.attempt++)
    const generation = this.generation
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null
      if (generation === this.generation) void this.openSocket(generation)
    }, delay)
  }

  private backoff(attempt: number): number {
    return backoff(attempt, this.settings.minDelayMs, this.settings.maxDelayMs)
  }

  private clearTimers(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    this.reconnectTimer = null
  }
}

function errorEvent(msg: { code: string; message: string; topic?: string }): SignalingEvents['error'] {
  return msg.topic === undefined ? { code: msg.code, message: msg.message } : { code: msg.code, message: msg.message, topic: msg.topic }
}

function assertTopic(topic: string): void {
  if (typeof topic !== 'string' || !TOPIC_PATTERN.test(topic)) {
    throw new EchoError('INVALID_VALUE', 'A topic must be 16..128 characters of A-Z, a-z, 0-9, _ or - (a hash, never a space id).')
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
