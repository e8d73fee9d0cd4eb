// What a SignalingClient can be configured with, and the checks and defaults applied to it
// once, in the constructor, so a bad URL or peer id fails at once instead of on connect.
import { EchoError } from '../core/shared/index.ts'
import type { WebSocketConstructor } from './resolveWebSocket.ts'
import { DEFAULT_MAX_MESSAGE_BYTES, PEER_ID_PATTERN } from './signalingProtocol.ts'

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
 * {@link SignalingClientOptions} checked, with every default filled in.
 *
 * @example const { urls, heartbeatMs } = resolveSignalingOptions({ urls: 'ws://127.0.0.1:4100', peerId: 'alice' })
 */
export type ResolvedSignalingOptions = {
  readonly urls: string[]
  readonly peerId: string
  readonly WebSocket: WebSocketConstructor | undefined
  readonly minDelayMs: number
  readonly maxDelayMs: number
  readonly heartbeatMs: number
  readonly connectTimeoutMs: number
  readonly maxMessageBytes: number
}

/**
 * Checks `options` and fills in the defaults; throws INVALID_VALUE for no URL, a URL that is
 * not ws:// or wss://, or a malformed peer id.
 *
 * @example const settings = resolveSignalingOptions(options)
 */
export function resolveSignalingOptions(options: SignalingClientOptions): ResolvedSignalingOptions {
  const urls = typeof options.urls === 'string' ? [options.urls] : [...options.urls]
  if (urls.length === 0) throw new EchoError('INVALID_VALUE', 'SignalingClient needs at least one server URL.')
  for (const u of urls) {
    if (!isWebSocketUrl(u)) throw new EchoError('INVALID_VALUE', `Signaling URL '${u}' must start with ws:// or wss://.`)
  }
  if (typeof options.peerId !== 'string' || !PEER_ID_PATTERN.test(options.peerId)) {
    throw new EchoError('INVALID_VALUE', 'peerId must be 1..128 characters of A-Z, a-z, 0-9, _ or -.')
  }
  const minDelayMs = Math.max(1, options.reconnect?.minDelayMs ?? 500)
  return {
    urls,
    peerId: options.peerId,
    WebSocket: options.WebSocket,
    minDelayMs,
    maxDelayMs: Math.max(minDelayMs, options.reconnect?.maxDelayMs ?? 30_000),
    heartbeatMs: Math.max(10, options.heartbeatMs ?? 20_000),
    connectTimeoutMs: Math.max(10, options.connectTimeoutMs ?? 10_000),
    maxMessageBytes: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
  }
}

function isWebSocketUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url)
    return protocol === 'ws:' || protocol === 'wss:'
  } catch {
    // Not a URL at all: the caller reports it as a bad URL, like a wrong scheme.
    return false
  }
}
