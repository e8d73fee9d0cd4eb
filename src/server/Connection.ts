import { randomBytes } from 'node:crypto'
import { WebSocket } from 'ws'
import type { ServerMessage, SignalingErrorCode } from '../p2p/index.ts'
import { RateLimiter } from './RateLimiter.ts'

/**
 * What the server knows about one WebSocket: its client address, the nonce it must sign, the
 * peer id (its key) once its `hello` proved it, the topics it is in, its frame budget and when
 * it was last heard from. Nothing outlives the socket.
 *
 * @example const conn = createConnection(ws, 200, Date.now(), '127.0.0.1')
 */
export type Connection = {
  ws: WebSocket
  /** Client address the per-address caps count against (IPv6: its /64). */
  ip: string
  /** The random nonce sent in this connection's `challenge`. */
  nonce: string
  /** When the socket opened: a connection that has not said hello by helloTimeoutMs is closed. */
  openedAt: number
  /** Null until the connection's `hello` proved the key this id is. */
  peerId: string | null
  topics: Set<string>
  limiter: RateLimiter
  /** Last frame or pong (ms since epoch). */
  lastSeen: number
  /** Last idle ping sent (0: none yet). */
  pingedAt: number
  /** When a probed duplicate-peer holder is dropped unless it answers (0: not probed). */
  probeDeadline: number
}

/**
 * A fresh connection record for a socket that just opened.
 *
 * @example connections.add(createConnection(ws, options.rate, Date.now()))
 */
export function createConnection(ws: WebSocket, rate: number, now: number, ip: string): Connection {
  return {
    ws,
    ip,
    nonce: randomBytes(32).toString('base64url'),
    openedAt: now,
    peerId: null,
    topics: new Set(),
    limiter: new RateLimiter(rate, now),
    lastSeen: now,
    pingedAt: 0,
    probeDeadline: 0,
  }
}

/**
 * Sends one message if the socket is open. Returns whether it was handed to the socket, so a
 * relay counts only signals that went out.
 *
 * @example if (send(target, { type: 'signal', topic, from, data })) counters.relayed++
 */
export function send(conn: Connection, msg: ServerMessage): boolean {
  if (conn.ws.readyState !== WebSocket.OPEN) return false
  try {
    conn.ws.send(JSON.stringify(msg))
    return true
  } catch {
    // Not expected (the socket is OPEN, msg is plain JSON); a socket that throws is dying and its 'close' event cleans up.
    return false
  }
}

/**
 * Answers a refused frame with an `error` message (with the topic, when the frame was about one).
 *
 * @example refuse(conn, 'NOT_IN_TOPIC', 'join the topic before signaling in it', topic)
 */
export function refuse(conn: Connection, code: SignalingErrorCode, message: string, topic?: string): void {
  send(conn, topic === undefined ? { type: 'error', code, message } : { type: 'error', code, message, topic })
}
