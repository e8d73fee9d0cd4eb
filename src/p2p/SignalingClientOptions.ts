// What a SignalingClient can be configured with, and the checks and defaults applied to it
// once, in the constructor, so a bad URL or peer id fails at once instead of on connect.
import { EchoError } from '../core/shared/index.ts'
import type { WebSocketConstructor } from './resolveWebSocket.ts'
import { signingKeyFor, type SignalingSigner } from './SignalingClientKey.ts'
import { DEFAULT_MAX_MESSAGE_BYTES, peerIdForKey } from './signalingProtocol.ts'

/**
 * An Ed25519 key pair (tweetnacl's `nacl.sign.keyPair()` shape) that a signaling client proves
 * it holds; its public key is the client's peer id.
 *
 * @example const key: SignalingKey = nacl.sign.keyPair()
 */
export type SignalingKey = { publicKey: Uint8Array; secretKey: Uint8Array }

/**
 * Options of {@link SignalingClient}.
 *
 * @example
 * { urls: ['wss://signal.example.org', 'wss://backup.example.org'] }
 */
export type SignalingClientOptions = {
  /** Server URL(s), `ws://` or `wss://`. With several, each failed attempt tries the next. */
  urls: string | string[]
  /**
   * The key this client signs the server's nonce with; its peer id is the key (base64url).
   * Default: a fresh random key per client (a new peer id on every start).
   */
  key?: SignalingKey
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
 * @example const { urls, heartbeatMs } = resolveSignalingOptions({ urls: 'ws://127.0.0.1:4100' })
 */
export type ResolvedSignalingOptions = {
  readonly urls: string[]
  readonly peerId: string
  readonly signer: SignalingSigner
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
  const key = options.key
  if (key && (!(key.publicKey instanceof Uint8Array) || key.publicKey.length !== 32 || !(key.secretKey instanceof Uint8Array) || key.secretKey.length !== 64)) {
    throw new EchoError('INVALID_VALUE', 'key must be an Ed25519 key pair (nacl.sign.keyPair()).')
  }
  const signer = signingKeyFor(key)
  const minDelayMs = Math.max(1, options.reconnect?.minDelayMs ?? 500)
  return {
    urls,
    peerId: peerIdForKey(signer.publicKey),
    signer,
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
