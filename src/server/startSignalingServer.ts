// The signaling server: peers join topics (hashes of secrets) and relay WebRTC offers, answers
// and ICE candidates to each other. It keeps only live membership in memory: no database,
// no logs of who talked to whom. It faces the open internet, so every frame is size-checked,
// rate-limited and validated before use, and nothing a client sends can throw past a handler.
// A peer id is an Ed25519 key the connection proved (it signs the server's nonce), so nobody can
// take or receive for another's id; connections and topics are capped per client address and
// in total, and browsers' origins can be restricted.
// This file assembles the parts (SignalingHub, TopicRegistry, RateLimiter, handleFrame,
// handleHttpRequest, startIdleSweeper) and owns the listener's lifecycle.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import { clientAddress } from './clientAddress.ts'
import { handleHttpRequest } from './handleHttpRequest.ts'
import { RedisTopicBus } from './redis/index.ts'
import { SignalingHub } from './SignalingHub.ts'
import { resolveOptions, type SignalingServerOptions } from './SignalingServerOptions.ts'
import type { SignalingStats } from './SignalingStats.ts'
import { startIdleSweeper } from './startIdleSweeper.ts'

export type { SignalingServerOptions } from './SignalingServerOptions.ts'
export type { SignalingStats } from './SignalingStats.ts'

/**
 * A running signaling server.
 *
 * @example
 * const server = await startSignalingServer({ port: 0 })
 * const client = new SignalingClient({ urls: server.url })
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

// Frames between maxMessageBytes and this multiple get a TOO_LARGE error and the socket lives
// on (one oversized SDP should not cost a peer its topics); beyond it ws closes the socket
// without buffering the rest.
const HARD_PAYLOAD_FACTOR = 4

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
  const resolved = resolveOptions(options)
  const { host, port, log } = resolved
  const hub = new SignalingHub(resolved)
  // Several processes: topics are shared through Redis. Connect before listening, so a wrong
  // URL fails the start instead of serving a cluster of one by mistake.
  const bus = resolved.redis
    ? await RedisTopicBus.connect(
        resolved.redis,
        {
          joined: (topic, peerId) => hub.topics.remoteJoined(topic, peerId),
          left: (topic, peerId) => hub.topics.remoteLeft(topic, peerId),
          signal: (topic, from, to, data) => hub.topics.remoteSignal(topic, from, to, data),
          error: (error) => {
            hub.counters.busErrors++
            log(`signaling: redis: ${error.message}`)
          },
        },
        { prefix: resolved.redisPrefix },
      )
    : undefined
  if (bus) hub.topics.useBus(bus)

  const http = createServer((req, res) =>
    handleHttpRequest(req, res, () => ({ connections: hub.connections.size, topics: hub.topics.size })),
  )
  // A garbage HTTP request must not surface as an unhandled error.
  http.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    else socket.destroy()
  })

  const wss = new WebSocketServer({
    server: http,
    maxPayload: resolved.maxMessageBytes * HARD_PAYLOAD_FACTOR,
    perMessageDeflate: false, // compression is a memory-amplification risk for tiny frames
    clientTracking: false,
    // Refused before the upgrade, so a flood of sockets costs one HTTP response each.
    verifyClient: ({ origin, req }, done) => {
      if (resolved.allowedOrigins && origin && !resolved.allowedOrigins.has(origin)) {
        hub.counters.dropped.badOrigin++
        return done(false, 403, 'origin not allowed')
      }
      if (!hub.hasRoomFor(clientAddress(req, resolved.trustProxy))) {
        hub.counters.dropped.tooManyConnections++
        return done(false, 503, 'too many connections')
      }
      done(true)
    },
  })
  wss.on('error', (err) => log(`signaling: server error ${err.message}`))
  wss.on('connection', (ws, req) => hub.accept(ws, clientAddress(req, resolved.trustProxy)))

  const stopSweeper = startIdleSweeper(hub.connections, resolved.idleTimeoutMs, (conn) => hub.remove(conn), resolved.helloTimeoutMs)

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => {
      stopSweeper()
      void bus?.close()
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
    stats: () => hub.stats(),
    close(): Promise<void> {
      closing ??= (async () => {
        stopSweeper()
        for (const conn of hub.connections) {
          // 1001 "going away" tells clients to reconnect later rather than give up.
          conn.ws.close(1001, 'server shutting down')
        }
        await new Promise<void>((resolve) =>
          wss.close((err) => {
            if (err) log(`signaling: error closing the WebSocket server: ${err.message}`)
            resolve()
          }),
        )
        // Sockets that do not finish the close handshake promptly are cut.
        const deadline = setTimeout(() => {
          for (const conn of hub.connections) conn.ws.terminate()
        }, 1_000)
        deadline.unref()
        await new Promise<void>((resolve) => {
          http.close((err) => {
            if (err) log(`signaling: error closing the HTTP listener: ${err.message}`)
            resolve()
          })
          http.closeAllConnections()
        })
        clearTimeout(deadline)
        for (const conn of [...hub.connections]) {
          conn.ws.terminate()
          hub.remove(conn)
        }
        // Our members leave the other processes' view at once (not after the liveness TTL).
        await bus?.close().catch((error: Error) => log(`signaling: redis: ${error.message}`))
        log('signaling: stopped')
      })()
      return closing
    },
  }
}

// IPv6 literals need brackets in a URL.
function formatHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
}
