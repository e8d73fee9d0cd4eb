import type { RawData } from 'ws'
import { classifySignalingFrame, isClientMessage } from '../p2p/index.ts'
import { refuse, send, type Connection } from './Connection.ts'
import type { SignalingHub } from './SignalingHub.ts'
import { verifyHello } from './verifyHello.ts'

/**
 * Handles one frame from a client, in the order that keeps a hostile client cheap: rate limit
 * first, then size, then text, then parse and validate, then the protocol (`hello` first and
 * once, proving the key its peer id is; `ping`, `join`, `leave`, `signal` after). Every refused frame is counted in the hub's
 * counters and, where useful, answered with an `error` message; nothing here closes the socket
 * except persistent flooding.
 *
 * @example ws.on('message', (data, isBinary) => handleFrame(hub, conn, data, isBinary))
 */
export function handleFrame(hub: SignalingHub, conn: Connection, data: RawData, isBinary: boolean): void {
  const { counters, topics } = hub
  const { maxMessageBytes, log } = hub.options
  const now = Date.now()
  conn.lastSeen = now
  conn.probeDeadline = 0

  if (!conn.limiter.take(now)) {
    counters.dropped.rateLimited++
    const verdict = conn.limiter.refused(now)
    if (verdict === 'close') {
      log('signaling: closing a connection that keeps exceeding the rate limit')
      conn.ws.close(1008, 'rate limit exceeded')
      hub.remove(conn)
    } else if (verdict === 'report') {
      refuse(conn, 'RATE_LIMITED', `more than ${conn.limiter.rate} messages per second; frames are being dropped`)
    }
    return
  }

  const size = byteLength(data)
  if (size > maxMessageBytes) {
    counters.dropped.oversized++
    refuse(conn, 'TOO_LARGE', `frame of ${size} bytes exceeds the ${maxMessageBytes} byte limit`)
    return
  }
  if (isBinary) {
    counters.dropped.malformed++
    refuse(conn, 'BAD_FRAME', 'frames must be JSON text')
    return
  }

  const parsed = classifySignalingFrame(rawToString(data))
  if (!parsed.ok) {
    if (parsed.reason === 'unknown') {
      counters.dropped.unknown++
      refuse(conn, 'UNKNOWN_TYPE', 'unknown message type')
    } else {
      counters.dropped.malformed++
      refuse(conn, 'BAD_FRAME', 'malformed frame')
    }
    return
  }
  const msg = parsed.message
  if (!isClientMessage(msg)) {
    counters.dropped.unknown++
    refuse(conn, 'UNKNOWN_TYPE', `'${msg.type}' is not a client message`)
    return
  }

  if (conn.peerId === null) {
    if (msg.type !== 'hello') {
      counters.dropped.protocol++
      refuse(conn, 'BAD_FRAME', "the first frame must be 'hello'")
      return
    }
    const peerId = verifyHello(msg, conn.nonce)
    if (!peerId) {
      counters.dropped.badHello++
      refuse(conn, 'BAD_HELLO', 'the hello must carry an Ed25519 key and its signature over this connection\'s nonce')
      return
    }
    conn.peerId = peerId
    send(conn, { type: 'welcome', peerId })
    return
  }

  switch (msg.type) {
    case 'hello':
      counters.dropped.protocol++
      refuse(conn, 'BAD_FRAME', "'hello' was already sent on this connection")
      return
    case 'ping':
      send(conn, { type: 'pong' })
      return
    case 'join':
      topics.join(conn, conn.peerId, msg.topic, now)
      return
    case 'leave':
      // Idempotent: a client may leave a topic it never got into (e.g. after DUPLICATE_PEER).
      if (conn.topics.delete(msg.topic)) topics.leave(conn, msg.topic)
      return
    case 'signal':
      topics.relay(conn, conn.peerId, msg.topic, msg.to, msg.data)
      return
  }
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
