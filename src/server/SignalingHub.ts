import type { WebSocket } from 'ws'
import { createConnection, send, type Connection } from './Connection.ts'
import { handleFrame } from './handleFrame.ts'
import type { ResolvedOptions } from './SignalingServerOptions.ts'
import { createCounters, type SignalingStats } from './SignalingStats.ts'
import { probe } from './startIdleSweeper.ts'
import { TopicRegistry } from './TopicRegistry.ts'

/**
 * The live state of one signaling server: its open connections, its topics and its counters,
 * and the wiring of each new socket to them. Only memory: nothing is kept once a socket closes.
 *
 * @example
 * const hub = new SignalingHub(resolveOptions({}))
 * wss.on('connection', (ws, req) => hub.accept(ws, clientAddress(req, false)))
 */
export class SignalingHub {
  /** The server's limits and log, defaults filled in. */
  readonly options: ResolvedOptions
  /** Every open socket's record; a closed socket is removed at once. */
  readonly connections = new Set<Connection>()
  /** Relayed and dropped frames since start; read through {@link stats}. */
  readonly counters = createCounters()
  /** Topic membership of these connections. */
  readonly topics: TopicRegistry
  // Open connections per client address, for the per-address cap.
  readonly #perIp = new Map<string, number>()

  constructor(options: ResolvedOptions) {
    this.options = options
    this.topics = new TopicRegistry({
      maxTopics: options.maxTopics,
      maxTopicsPerIp: options.maxTopicsPerIp,
      maxTopicsTotal: options.maxTopicsTotal,
      counters: this.counters,
      onDuplicate: (holder, now) => probe(holder, now, options.idleTimeoutMs),
    })
  }

  /**
   * Whether one more connection from `ip` fits under the caps. Checked before the WebSocket
   * upgrade (cheap refusal) and again in {@link accept} (upgrades in flight may have raced).
   */
  hasRoomFor(ip: string): boolean {
    return this.connections.size < this.options.maxConnections && (this.#perIp.get(ip) ?? 0) < this.options.maxConnectionsPerIp
  }

  /**
   * Takes in a socket that just opened from client address `ip`: over a cap it is closed (1013,
   * try again later); else it is tracked, sent its `challenge`, and its frames, pongs, errors and
   * close are routed.
   */
  accept(ws: WebSocket, ip: string): void {
    if (!this.hasRoomFor(ip)) {
      this.counters.dropped.tooManyConnections++
      ws.close(1013, 'too many connections')
      return
    }
    const conn = createConnection(ws, this.options.rate, Date.now(), ip)
    this.connections.add(conn)
    this.#perIp.set(ip, (this.#perIp.get(ip) ?? 0) + 1)
    send(conn, { type: 'challenge', nonce: conn.nonce })
    ws.on('message', (data, isBinary) => {
      // A socket closed for abuse may still deliver frames it had in flight; they must not
      // re-add it to topics after its membership was torn down.
      if (!this.connections.has(conn)) return
      try {
        handleFrame(this, conn, data, isBinary)
      } catch (err) {
        // Validation should make this unreachable; if it is not, one frame is lost, not the server.
        this.counters.dropped.malformed++
        this.options.log(`signaling: frame handler failed: ${(err as Error).message}`)
      }
    })
    ws.on('pong', () => {
      conn.lastSeen = Date.now()
      conn.probeDeadline = 0
    })
    ws.on('error', (err: Error & { code?: string }) => {
      // ws reports the hard payload cap as an error and then closes the socket itself.
      if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') this.counters.dropped.oversized++
      else this.counters.dropped.malformed++
    })
    ws.on('close', () => this.remove(conn))
  }

  /** Forgets a connection and takes it out of every topic (telling the members). Safe to repeat. */
  remove(conn: Connection): void {
    if (!this.connections.delete(conn)) return
    const fromIp = (this.#perIp.get(conn.ip) ?? 1) - 1
    if (fromIp > 0) this.#perIp.set(conn.ip, fromIp)
    else this.#perIp.delete(conn.ip)
    for (const topic of conn.topics) this.topics.leave(conn, topic)
    conn.topics.clear()
  }

  /** A snapshot of the counters, with live connection and topic counts. */
  stats(): SignalingStats {
    return {
      connections: this.connections.size,
      topics: this.topics.size,
      relayed: this.counters.relayed,
      busErrors: this.counters.busErrors,
      dropped: { ...this.counters.dropped },
    }
  }
}
