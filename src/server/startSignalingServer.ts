// The signaling server: peers join topics (hashes of secrets) and relay WebRTC offers, answers
// and ICE candidates to each other. It keeps only live membership in memory: no database,
// no logs of who talked to whom. It faces the open internet, so every frame is size-checked,
// rate-limited and validated before use, and nothing a client sends can throw past a handler.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, WebSocket, type RawData } from 'ws'
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  classifySignalingFrame,
  isClientMessage,
  type ServerMessage,
  type SignalingErrorCode,
} from '../p2p/index.ts'

/**
 * Options of {@link startSignalingServer}. Every limit has a safe default.
 *
 * @example await startSignalingServer({ port: 4100, host: '0.0.0.0', log: console.log })
 */
export type SignalingServerOptions = {
  /** TCP port; 0 picks a free one (read it back from `server.port`). Default 0. */
  port?: number
  /** Interface to bind. Default '127.0.0.1'; use '0.0.0.0' to serve other machines. */
  host?: string
  /** Largest accepted frame in bytes. Default 64 KiB. */
  maxMessageBytes?: number
  /** Sustained frames per second per connection (token bucket, burst of the same size). Default 200. */
  maxMessagesPerSecond?: number
  /** Topics one connection may be in at once. Default 64. */
  maxTopicsPerConnection?: number
  /** A connection silent (no frame, no pong) this long is closed. Default 60 000. */
  idleTimeoutMs?: number
  /** Receives one line per notable event (start, stop, abusive client closed). Default: silent. */
  log?: (line: string) => void
}

/**
 * Counters of {@link SignalingServer.stats}. `dropped` counts frames refused, by reason.
 *
 * @example const { dropped } = server.stats(); if (dropped.rateLimited > 0) alert('flood')
 */
export type SignalingStats = {
  /** Open WebSocket connections. */
  connections: number
  /** Topics with at least one member. */
  topics: number
  /** Signals delivered to their target. */
  relayed: number
  dropped: {
    /** Not JSON, binary, wrong shape or invalid field. */
    malformed: number
    /** Larger than maxMessageBytes (also counts sockets closed by the hard payload cap). */
    oversized: number
    /** Over the per-connection rate. */
    rateLimited: number
    /** Unknown `type`, or a server→client type sent by a client. */
    unknown: number
    /** Join refused: connection already in maxTopicsPerConnection topics. */
    tooManyTopics: number
    /** Signal from a connection not in the topic. */
    notInTopic: number
    /** Signal to a peer not in the topic. */
    unknownPeer: number
    /** Join refused: that peerId is already in the topic on another connection. */
    duplicatePeer: number
    /** Frame before `hello`, or a second `hello`. */
    protocol: number
    /** Signal dropped because the target is not reading (its send buffer is full). */
    backpressure: number
  }
}

/**
 * A running signaling server.
 *
 * @example
 * const server = await startSignalingServer({ port: 0 })
 * const client = new SignalingClient({ urls: server.url, peerId: 'alice' })
 * // …
 * await server.close()
 */
export type SignalingServer = {
  /** `ws://host:port` with the real port. */
  url: string
  port: number
  /** Closes every connection and the listener. Safe to call twice. */
  close(): Promise<void>
  /** A snapshot of the counters. */
  stats(): SignalingStats
}

type Connection = {
  ws: WebSocket
  peerId: string | null
  topics: Set<string>
  tokens: number
  lastRefill: number
  lastSeen: number
  pingedAt: number
  // Rate-limit drops in the current abuse window; too many closes the socket.
  abuseCount: number
  abuseWindowStart: number
  lastRateErrorAt: number
  probeDeadline: number
}

// A slow reader must not make the server buffer signals without bound.
const MAX_BUFFERED_BYTES = 1024 * 1024
// Frames between maxMessageBytes and this multiple get a TOO_LARGE error and the socket lives
// on (one oversized SDP should not cost a peer its topics); beyond it ws closes the socket
// without buffering the rest.
const HARD_PAYLOAD_FACTOR = 4
// Persistent abuse: more rate-limited frames than this many seconds' worth within the window.
const ABUSE_SECONDS = 5
const ABUSE_WINDOW_MS = 10_000
// How long an existing holder of a peerId gets to prove it is alive when a duplicate shows up
// (capped at half the idle timeout).
const DUPLICATE_PROBE_MS = 5_000

/**
 * Starts the signaling server on a node:http server (for `GET /health`) with a `ws` server
 * accepting WebSocket upgrades on any path.
 *
 * @example
 * const server = await startSignalingServer({ port: 4100, host: '127.0.0.1' })
 * console.log(server.url) // ws://127.0.0.1:4100
 * await fetch('http://127.0.0.1:4100/health') // 200 { ok: true, connections: 0, topics: 0 }
 */
export async function startSignalingServer(options: SignalingServerOptions = {}): Promise<SignalingServer> {
  const host = options.host ?? '127.0.0.1'
  const maxMessageBytes = positive(options.maxMessageBytes, DEFAULT_MAX_MESSAGE_BYTES, 'maxMessageBytes')
  const rate = positive(options.maxMessagesPerSecond, 200, 'maxMessagesPerSecond')
  // A fractional rate (e.g. 0.5/s) still needs room for one whole frame in the bucket.
  const burst = Math.max(1, rate)
  const maxTopics = positive(options.maxTopicsPerConnection, 64, 'maxTopicsPerConnection')
  const idleTimeoutMs = positive(options.idleTimeoutMs, 60_000, 'idleTimeoutMs')
  const log = options.log ?? (() => {})
  const port = options.port ?? 0
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`port must be an integer 0..65535, got ${String(port)}`)
  }

  const connections = new Set<Connection>()
  const topics = new Map<string, Map<string, Connection>>()
  const stats: SignalingStats = {
    connections: 0,
    topics: 0,
    relayed: 0,
    dropped: {
      malformed: 0,
      oversized: 0,
      rateLimited: 0,
      unknown: 0,
      tooManyTopics: 0,
      notInTopic: 0,
      unknownPeer: 0,
      duplicatePeer: 0,
      protocol: 0,
      backpressure: 0,
    },
  }

  const http = createServer((req, res) => handleHttp(req, res))
  // A garbage HTTP request must not surface as an unhandled error.
  http.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    else socket.destroy()
  })

  const wss = new WebSocketServer({
    server: http,
    maxPayload: maxMessageBytes * HARD_PAYLOAD_FACTOR,
    perMessageDeflate: false, // compression is a memory-amplification risk for tiny frames
    clientTracking: false,
  })
  wss.on('error', (err) => log(`signaling: server error ${err.message}`))
  wss.on('connection', (ws) => onConnection(ws))

  function handleHttp(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0]
    if (path === '/health') {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n')
        return
      }
      const body = JSON.stringify({ ok: true, connections: connections.size, topics: topics.size })
      res.writeHead(200, {
        'content-type': 'application/json',
        'cache-control': 'no-store',
        // Health checks from a dev page on another origin (e.g. Vite's port) should work.
        'access-control-allow-origin': '*',
      })
      res.end(req.method === 'HEAD' ? undefined : body)
      return
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n')
  }

  function send(conn: Connection, msg: ServerMessage): boolean {
    if (conn.ws.readyState !== WebSocket.OPEN) return false
    try {
      conn.ws.send(JSON.stringify(msg))
      return true
    } catch {
      return false
    }
  }

  function refuse(conn: Connection, code: SignalingErrorCode, message: string, topic?: string): void {
    send(conn, topic === undefined ? { type: 'error', code, message } : { type: 'error', code, message, topic })
  }

  function onConnection(ws: WebSocket): void {
    const now = Date.now()
    const conn: Connection = {
      ws,
      peerId: null,
      topics: new Set(),
      tokens: burst,
      lastRefill: now,
      lastSeen: now,
      pingedAt: 0,
      abuseCount: 0,
      abuseWindowStart: now,
      lastRateErrorAt: 0,
      probeDeadline: 0,
    }
    connections.add(conn)
    ws.on('message', (data, isBinary) => {
      // A socket closed for abuse may still deliver frames it had in flight; they must not
      // re-add it to topics after its membership was torn down.
      if (!connections.has(conn)) return
      try {
        onFrame(conn, data, isBinary)
      } catch (err) {
        // Validation should make this unreachable; if it is not, one frame is lost, not the server.
        stats.dropped.malformed++
        log(`signaling: frame handler failed: ${(err as Error).message}`)
      }
    })
    ws.on('pong', () => {
      conn.lastSeen = Date.now()
      conn.probeDeadline = 0
    })
    ws.on('error', (err: Error & { code?: string }) => {
      // ws reports the hard payload cap as an error and then closes the socket itself.
      if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') stats.dropped.oversized++
      else stats.dropped.malformed++
    })
    ws.on('close', () => removeConnection(conn))
  }

  function removeConnection(conn: Connection): void {
    if (!connections.delete(conn)) return
    for (const topic of conn.topics) leaveTopic(conn, topic)
    conn.topics.clear()
  }

  function takeToken(conn: Connection, now: number): boolean {
    const elapsed = now - conn.lastRefill
    if (elapsed > 0) {
      conn.tokens = Math.min(burst, conn.tokens + (elapsed * rate) / 1000)
      conn.lastRefill = now
    }
    if (conn.tokens >= 1) {
      conn.tokens -= 1
      return true
    }
    return false
  }

  function onFrame(conn: Connection, data: RawData, isBinary: boolean): void {
    const now = Date.now()
    conn.lastSeen = now
    conn.probeDeadline = 0

    if (!takeToken(conn, now)) {
      stats.dropped.rateLimited++
      if (now - conn.abuseWindowStart > ABUSE_WINDOW_MS) {
        conn.abuseWindowStart = now
        conn.abuseCount = 0
      }
      conn.abuseCount++
      if (conn.abuseCount > rate * ABUSE_SECONDS) {
        log('signaling: closing a connection that keeps exceeding the rate limit')
        conn.ws.close(1008, 'rate limit exceeded')
        removeConnection(conn)
        return
      }
      // One error per second at most: answering every dropped frame would amplify a flood.
      if (now - conn.lastRateErrorAt >= 1000) {
        conn.lastRateErrorAt = now
        refuse(conn, 'RATE_LIMITED', `more than ${rate} messages per second; frames are being dropped`)
      }
      return
    }

    const size = byteLength(data)
    if (size > maxMessageBytes) {
      stats.dropped.oversized++
      refuse(conn, 'TOO_LARGE', `frame of ${size} bytes exceeds the ${maxMessageBytes} byte limit`)
      return
    }
    if (isBinary) {
      stats.dropped.malformed++
      refuse(conn, 'BAD_FRAME', 'frames must be JSON text')
      return
    }

    const parsed = classifySignalingFrame(rawToString(data))
    if (!parsed.ok) {
      if (parsed.reason === 'unknown') {
        stats.dropped.unknown++
        refuse(conn, 'UNKNOWN_TYPE', 'unknown message type')
      } else {
        stats.dropped.malformed++
        refuse(conn, 'BAD_FRAME', 'malformed frame')
      }
      return
    }
    const msg = parsed.message
    if (!isClientMessage(msg)) {
      stats.dropped.unknown++
      refuse(conn, 'UNKNOWN_TYPE', `'${msg.type}' is not a client message`)
      return
    }

    if (conn.peerId === null) {
      if (msg.type !== 'hello') {
        stats.dropped.protocol++
        refuse(conn, 'BAD_FRAME', "the first frame must be 'hello'")
        return
      }
      conn.peerId = msg.peerId
      send(conn, { type: 'welcome', peerId: msg.peerId })
      return
    }

    switch (msg.type) {
      case 'hello':
        stats.dropped.protocol++
        refuse(conn, 'BAD_FRAME', "'hello' was already sent on this connection")
        return
      case 'ping':
        send(conn, { type: 'pong' })
        return
      case 'join':
        join(conn, conn.peerId, msg.topic, now)
        return
      case 'leave':
        // Idempotent: a client may leave a topic it never got into (e.g. after DUPLICATE_PEER).
        if (conn.topics.delete(msg.topic)) leaveTopic(conn, msg.topic)
        return
      case 'signal':
        relay(conn, conn.peerId, msg.topic, msg.to, msg.data)
        return
    }
  }

  function join(conn: Connection, peerId: string, topic: string, now: number): void {
    let members = topics.get(topic)
    const holder = members?.get(peerId)
    if (holder === conn) {
      // Repeated join (e.g. a client unsure whether its first one arrived): re-send the list.
      send(conn, { type: 'peers', topic, peers: othersIn(members!, peerId) })
      return
    }
    if (holder) {
      stats.dropped.duplicatePeer++
      refuse(conn, 'DUPLICATE_PEER', `peer id '${peerId}' is already in this topic`, topic)
      probe(holder, now)
      return
    }
    if (conn.topics.size >= maxTopics) {
      stats.dropped.tooManyTopics++
      refuse(conn, 'TOO_MANY_TOPICS', `a connection may be in at most ${maxTopics} topics`, topic)
      return
    }
    if (!members) {
      members = new Map()
      topics.set(topic, members)
    }
    const others = othersIn(members, peerId)
    members.set(peerId, conn)
    conn.topics.add(topic)
    send(conn, { type: 'peers', topic, peers: others })
    for (const other of members.values()) {
      if (other !== conn) send(other, { type: 'peer-joined', topic, peerId })
    }
  }

  // The usual duplicate is a client that reconnected before the server noticed its old socket
  // died. Ping the old one and drop it soon if it is silent, so the retry of the new one wins.
  function probe(holder: Connection, now: number): void {
    if (holder.probeDeadline !== 0) return
    holder.probeDeadline = now + Math.min(DUPLICATE_PROBE_MS, idleTimeoutMs / 2)
    try {
      holder.ws.ping()
    } catch {
      holder.ws.terminate()
    }
  }

  function leaveTopic(conn: Connection, topic: string): void {
    const members = topics.get(topic)
    if (!members || conn.peerId === null || members.get(conn.peerId) !== conn) return
    members.delete(conn.peerId)
    if (members.size === 0) {
      topics.delete(topic)
      return
    }
    for (const other of members.values()) send(other, { type: 'peer-left', topic, peerId: conn.peerId })
  }

  function relay(conn: Connection, from: string, topic: string, to: string, data: object): void {
    const members = topics.get(topic)
    if (!members || members.get(from) !== conn) {
      stats.dropped.notInTopic++
      refuse(conn, 'NOT_IN_TOPIC', 'join the topic before signaling in it', topic)
      return
    }
    const target = members.get(to)
    if (!target || target === conn) {
      stats.dropped.unknownPeer++
      refuse(conn, 'UNKNOWN_PEER', `peer '${to}' is not in this topic`, topic)
      return
    }
    if (target.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      stats.dropped.backpressure++
      return
    }
    if (send(target, { type: 'signal', topic, from, data: data as { [key: string]: unknown } })) stats.relayed++
  }

  // One sweep for all connections instead of a timer each: idle sockets get a ping at half the
  // timeout and are terminated at the full timeout; probed duplicates at their deadline.
  const sweepMs = Math.max(25, Math.min(Math.floor(idleTimeoutMs / 4), 5_000))
  const sweeper = setInterval(() => {
    const now = Date.now()
    for (const conn of connections) {
      const silent = now - conn.lastSeen
      const probeExpired = conn.probeDeadline !== 0 && now >= conn.probeDeadline
      if (silent >= idleTimeoutMs || probeExpired) {
        conn.ws.terminate()
        removeConnection(conn)
      } else if (silent >= idleTimeoutMs / 2 && now - conn.pingedAt >= idleTimeoutMs / 2) {
        conn.pingedAt = now
        try {
          conn.ws.ping()
        } catch {
          // The socket is closing; its close event cleans up.
        }
      }
    }
  }, sweepMs)
  sweeper.unref()

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => {
      clearInterval(sweeper)
      reject(err)
    }
    http.once('error', onError)
    http.listen(port, host, () => {
      http.off('error', onError)
      resolve()
    })
  })
  http.on('error', (err) => log(`signaling: http error ${err.message}`))

  const actualPort = (http.address() as AddressInfo).port
  const url = `ws://${formatHost(host)}:${actualPort}`
  log(`signaling: listening on ${url}`)

  let closing: Promise<void> | null = null
  return {
    url,
    port: actualPort,
    stats(): SignalingStats {
      return {
        connections: connections.size,
        topics: topics.size,
        relayed: stats.relayed,
        dropped: { ...stats.dropped },
      }
    },
    close(): Promise<void> {
      closing ??= (async () => {
        clearInterval(sweeper)
        for (const conn of connections) {
          // 1001 "going away" tells clients to reconnect later rather than give up.
          conn.ws.close(1001, 'server shutting down')
        }
        await new Promise<void>((resolve) => wss.close(() => resolve()))
        // Sockets that do not finish the close handshake promptly are cut.
        const deadline = setTimeout(() => {
          for (const conn of connections) conn.ws.terminate()
        }, 1_000)
        deadline.unref()
        await new Promise<void>((resolve) => {
          http.close(() => resolve())
          http.closeAllConnections()
        })
        clearTimeout(deadline)
        for (const conn of [...connections]) {
          conn.ws.terminate()
          removeConnection(conn)
        }
        log('signaling: stopped')
      })()
      return closing
    },
  }
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive number, got ${String(value)}`)
  }
  return value
}

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.length, 0)
  return data instanceof ArrayBuffer ? data.byteLength : data.length
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8')
  return data.toString('utf8')
}

function formatHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
}

function othersIn(members: Map<string, unknown>, self: string): string[] {
  const out: string[] = []
  for (const id of members.keys()) if (id !== self) out.push(id)
  return out
}
