import type { WebSocket } from 'ws'
import { createConnection, type Connection } from './Connection.ts'
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
 * wss.on('connection', (ws) => hub.accept(ws))
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

  constructor(options: ResolvedOptions) {
    this.options = options
    this.topics = new TopicRegistry({
      maxTopics: options.maxTopics,
      counters: this.counters,
      onDuplicate: (holder, now) => probe(holder, now, options.idleTimeoutMs),
    })
  }

  /** Takes in a socket that just opened: tracks it and routes its frames, pongs, errors and close. */
  accept(ws: WebSocket): void {
    const conn = createConnection(ws, this.options.rate, Date.now())
    this.connections.add(conn)
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
