// Client of the signaling server, for browsers and Node. One object per device: it keeps a
// WebSocket open (reconnecting with backoff when it drops), remembers the topics the app wants
// and re-joins them, and hands validated events to the WebRTC layer. Signals are not queued
// while disconnected: WebRTC negotiation restarts from the fresh `peers` list after a rejoin,
// and stale offers would only confuse it.
import { EchoError } from '../core/shared/index.ts'
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  PEER_ID_PATTERN,
  TOPIC_PATTERN,
  isServerMessage,
  isSignalData,
  parseSignalingMessage,
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

/**
 * The part of the WebSocket API the client uses. Browsers' `WebSocket` and Node's `ws`
 * both fit. Event parameters are loose on purpose: the two disagree on event types, and
 * every payload is validated by parseSignalingMessage anyway.
 *
 * @example const ws: WebSocketLike = new WebSocket('ws://127.0.0.1:4100')
 */
export interface WebSocketLike {
  readonly readyState: number
  onopen: ((event: any) => void) | null
  onmessage: ((event: any) => void) | null
  onclose: ((event: any) => void) | null
  onerror: ((event: any) => void) | null
  send(data: string): void
  close(code?: number, reason?: string): void
}

/**
 * A WebSocket constructor (`globalThis.WebSocket`, or `WebSocket` from the `ws` package in Node).
 *
 * @example import { WebSocket } from 'ws'; const ctor: WebSocketConstructor = WebSocket
 */
export type WebSocketConstructor = new (url: string) => WebSocketLike

/**
 * Options of {@link SignalingClient}.
 *
 * @example
 * { urls: ['wss://signal.example.org', 'wss://backup.example.org'], peerId: 'dev-3f9a' }
 */
export type SignalingClientOptions = {
  /** Server URL(s), `ws://` or `wss://`. With several, each failed attempt tries the next. */
  urls: string | string[]
  /** This device's peer id, 1..128 chars of [A-Za-z0-9_-]. */
  peerId: string
  /** Needed in Node < 22 unless `ws` is installed (then it is imported on demand). */
  WebSocket?: WebSocketConstructor
  /** Backoff between reconnect attempts. Defaults: 500 ms doubling up to 30 s, with jitter. */
  reconnect?: { minDelayMs?: number; maxDelayMs?: number }
  /** Keepalive ping interval; no frame for twice this long counts as a dead link. Default 20 000. */
  heartbeatMs?: number
  /** Give up an attempt that is not welcomed within this long. Default 10 000. */
  connectTimeoutMs?: number
  /** Largest frame the client will send; should match the server. Default 64 KiB. */
  maxMessageBytes?: number
}

/**
 * Event payloads, by event name, for {@link SignalingClient.on}.
 *
 * @example sc.on('peer-joined', ({ topic, peerId }) => dial(topic, peerId))
 */
export type SignalingEvents = {
  /** The other peers in `topic`, sent after every (re)join: the authoritative list. */
  peers: { topic: string; peers: string[] }
  'peer-joined': { topic: string; peerId: string }
  'peer-left': { topic: string; peerId: string }
  signal: { topic: string; from: string; data: SignalData }
  /** The server refused something (e.g. RATE_LIMITED, DUPLICATE_PEER for `topic`). */
  error: { code: string; message: string; topic?: string }
}

/**
 * Name of a {@link SignalingEvents} event.
 *
 * @example const name: SignalingEventName = 'signal'
 */
export type SignalingEventName = keyof SignalingEvents

type Handler<K extends SignalingEventName> = (event: SignalingEvents[K]) => void
type HandlerSets = { [K in SignalingEventName]: Set<Handler<K>> }

const OPEN = 1

/**
 * Connects one device to the signaling server(s): joins topics, relays signals, reconnects.
 *
 * @example
 * import { WebSocket } from 'ws' // Node only; browsers have a global WebSocket
 * const sc = new SignalingClient({ urls: 'ws://127.0.0.1:4100', peerId: 'alice', WebSocket })
 * sc.subscribe(() => console.log('status', sc.status))
 * sc.on('peers', ({ topic, peers }) => peers.forEach((p) => sc.send(topic, p, { hi: true })))
 * sc.on('signal', ({ from, data }) => console.log(from, data))
 * sc.join('k2Zl0cQ9w8x7y6z5a4b3')
 * sc.connect()
 */
export class SignalingClient {
  /** This device's peer id, as given. */
  readonly peerId: string
  /** Incoming frames dropped because they failed validation (or came at the wrong time). */
  droppedFrames = 0

  private readonly urls: string[]
  private readonly ctorOption: WebSocketConstructor | undefined
  private readonly minDelayMs: number
  private readonly maxDelayMs: number
  private readonly heartbeatMs: number
  private readonly connectTimeoutMs: number
  private readonly maxMessageBytes: number

  private state: SignalingStatus = 'closed'
  private readonly listeners = new Set<() => void>()
  private readonly handlers: HandlerSets = {
    peers: new Set(),
    'peer-joined': new Set(),
    'peer-left': new Set(),
    signal: new Set(),
    error: new Set(),
  }
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
    const urls = typeof options.urls === 'string' ? [options.urls] : [...options.urls]
    if (urls.length === 0) throw new EchoError('INVALID_VALUE', 'SignalingClient needs at least one server URL.')
    for (const u of urls) {
      let parsed: URL | null = null
      try {
        parsed = new URL(u)
      } catch {
        parsed = null
      }
      if (!parsed || (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:')) {
        throw new EchoError('INVALID_VALUE', `Signaling URL '${u}' must start with ws:// or wss://.`)
      }
    }
    if (typeof options.peerId !== 'string' || !PEER_ID_PATTERN.test(options.peerId)) {
      throw new EchoError('INVALID_VALUE', 'peerId must be 1..128 characters of A-Z, a-z, 0-9, _ or -.')
    }
    this.urls = urls
    this.peerId = options.peerId
    this.ctorOption = options.WebSocket
    this.minDelayMs = Math.max(1, options.reconnect?.minDelayMs ?? 500)
    this.maxDelayMs = Math.max(this.minDelayMs, options.reconnect?.maxDelayMs ?? 30_000)
    this.heartbeatMs = Math.max(10, options.heartbeatMs ?? 20_000)
    this.connectTimeoutMs = Math.max(10, options.connectTimeoutMs ?? 10_000)
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES
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
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  /**
   * Listens to one server event; returns the unsubscribe function. Events arrive only for
   * topics currently joined.
   *
   * @example const off = sc.on('signal', ({ topic, from, data }) => pc.handle(from, data))
   */
  on<K extends SignalingEventName>(event: K, handler: (event: SignalingEvents[K]) => void): () => void {
    const set = this.handlers[event] as Set<Handler<K>>
    set.add(handler)
    return () => {
      set.delete(handler)
    }
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
    if (text.length * 3 > this.maxMessageBytes && utf8Length(text) > this.maxMessageBytes) {
      throw new EchoError(
        'INVALID_VALUE',
        `Signal of ${utf8Length(text)} bytes exceeds the ${this.maxMessageBytes} byte limit; send large data over the peer connection.`,
      )
    }
    try {
      ws.send(text)
      return true
    } catch {
      return false
    }
  }

  private setStatus(next: SignalingStatus): void {
    if (this.state === next) return
    this.state = next
    for (const listener of [...this.listeners]) safeCall(listener)
  }

  private emit<K extends SignalingEventName>(event: K, payload: SignalingEvents[K]): void {
    for (const handler of [...(this.handlers[event] as Set<Handler<K>>)]) safeCall(() => handler(payload))
  }

  private async resolveConstructor(): Promise<WebSocketConstructor> {
    if (this.ctorOption) return this.ctorOption
    const global = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket
    if (global) return global
    // Node < 22: fall back to `ws`. The specifier is a variable so browser bundlers do not try
    // to bundle a Node-only package they will never run.
    const specifier = 'ws'
    const mod = (await import(/* @vite-ignore */ specifier)) as { default?: unknown; WebSocket?: unknown }
    const ctor = (mod.WebSocket ?? mod.default) as WebSocketConstructor | undefined
    if (!ctor) throw new EchoError('NETWORK_FAILED', 'No WebSocket available: pass the WebSocket option.')
    return ctor
  }

  private async openSocket(generation: number): Promise<void> {
    let Ctor: WebSocketConstructor
    try {
      Ctor = await this.resolveConstructor()
    } catch (err) {
      if (generation !== this.generation) return
      // Without a WebSocket implementation retrying cannot help; surface it and stop.
      this.setStatus('closed')
      this.emit('error', { code: 'NO_WEBSOCKET', message: (err as Error).message })
      return
    }
    if (generation !== this.generation) return

    const url = this.urls[this.urlIndex % this.urls.length]!
    let ws: WebSocketLike
    try {
      ws = new Ctor(url)
    } catch {
      this.scheduleReconnect()
      return
    }
    this.ws = ws
    this.welcomed = false
    this.lastFrameAt = Date.now()
    this.connectTimer = setTimeout(() => {
      if (this.ws === ws && !this.welcomed) this.onSocketGone(ws)
    }, this.connectTimeoutMs)

    ws.onopen = () => {
      if (this.ws !== ws) return
      this.sendFrame({ type: 'hello', peerId: this.peerId })
    }
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
      if (msg.type === 'welcome' && msg.peerId === this.peerId) this.onWelcome()
      else if (msg.type === 'error') this.emit('error', errorEvent(msg))
      else this.droppedFrames++
      return
    }
    this.dispatch(msg)
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
        this.emit('peers', { topic: msg.topic, peers: msg.peers.filter((p) => p !== this.peerId) })
        return
      case 'peer-joined':
      case 'peer-left':
        if (this.topics.has(msg.topic) && msg.peerId !== this.peerId) {
          this.emit(msg.type, { topic: msg.topic, peerId: msg.peerId })
        }
        return
      case 'signal':
        if ('from' in msg && this.topics.has(msg.topic)) {
          this.emit('signal', { topic: msg.topic, from: msg.from, data: msg.data })
        }
        return
      case 'error':
        if (msg.code === 'DUPLICATE_PEER' && msg.topic !== undefined) this.retryJoin(msg.topic)
        this.emit('error', errorEvent(msg))
        return
      case 'pong':
        return
      case 'welcome':
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
      if (Date.now() - this.lastFrameAt > 2 * this.heartbeatMs) {
        this.onSocketGone(ws)
        return
      }
      this.sendFrame({ type: 'ping' })
    }, this.heartbeatMs)
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
      // Already closed or never opened.
    }
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    // Rotating servers on every failure lets a client move off a dead one without a config change.
    this.urlIndex = (this.urlIndex + 1) % this.urls.length
    const delay = this.backoff(this.attempt++)
    const generation = this.generation
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null
      if (generation === this.generation) void this.openSocket(generation)
    }, delay)
  }

  // Exponential with "equal jitter": half fixed, half random, so a server restart is not met by
  // every client at the same instant.
  private backoff(attempt: number): number {
    const base = Math.min(this.maxDelayMs, this.minDelayMs * 2 ** Math.min(attempt, 30))
    return Math.round(base / 2 + randomUnit() * (base / 2))
  }

  private clearTimers(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    this.reconnectTimer = null
  }
}

function assertTopic(topic: string): void {
  if (typeof topic !== 'string' || !TOPIC_PATTERN.test(topic)) {
    throw new EchoError('INVALID_VALUE', 'A topic must be 16..128 characters of A-Z, a-z, 0-9, _ or - (a hash, never a space id).')
  }
}

function errorEvent(msg: { code: string; message: string; topic?: string }): SignalingEvents['error'] {
  return msg.topic === undefined ? { code: msg.code, message: msg.message } : { code: msg.code, message: msg.message, topic: msg.topic }
}

// A throwing app handler must not break the client's state machine; rethrow it on its own tick
// so it still surfaces (console, window.onerror, test runner).
function safeCall(fn: () => void): void {
  try {
    fn()
  } catch (err) {
    queueMicrotask(() => {
      throw err
    })
  }
}

function randomUnit(): number {
  const buf = new Uint32Array(1)
  globalThis.crypto.getRandomValues(buf)
  return buf[0]! / 2 ** 32
}

function utf8Length(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4
      i++
    } else n += 3
  }
  return n
}
