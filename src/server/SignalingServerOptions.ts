import { DEFAULT_MAX_MESSAGE_BYTES } from '../p2p/index.ts'

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
  /**
   * Redis URL (e.g. 'redis://127.0.0.1:6379'): several server processes share topics through it,
   * so peers connected to different processes find each other. Default: none (one process).
   */
  redis?: string
  /** Prefix of the Redis keys and channels (several clusters on one Redis). Default 'echo-kit'. */
  redisPrefix?: string
}

/**
 * {@link SignalingServerOptions} with every default filled in and every value checked; what the
 * rest of src/server reads, so no other file repeats a default.
 *
 * @example const { maxTopics } = resolveOptions({}) // 64
 */
export type ResolvedOptions = {
  port: number
  host: string
  maxMessageBytes: number
  /** `maxMessagesPerSecond`: frames per second per connection (may be fractional). */
  rate: number
  /** `maxTopicsPerConnection`. */
  maxTopics: number
  idleTimeoutMs: number
  /** A no-op when no `log` was given. */
  log: (line: string) => void
  redis: string | undefined
  redisPrefix: string
}

/**
 * Fills in the defaults and rejects nonsense up front (a RangeError at start beats a server
 * that misbehaves later).
 *
 * @example resolveOptions({ port: 70000 }) // throws RangeError
 */
export function resolveOptions(options: SignalingServerOptions): ResolvedOptions {
  const port = options.port ?? 0
  const resolved: ResolvedOptions = {
    port,
    host: options.host ?? '127.0.0.1',
    maxMessageBytes: positive(options.maxMessageBytes, DEFAULT_MAX_MESSAGE_BYTES, 'maxMessageBytes'),
    rate: positive(options.maxMessagesPerSecond, 200, 'maxMessagesPerSecond'),
    maxTopics: positive(options.maxTopicsPerConnection, 64, 'maxTopicsPerConnection'),
    idleTimeoutMs: positive(options.idleTimeoutMs, 60_000, 'idleTimeoutMs'),
    log: options.log ?? (() => {}),
    redis: options.redis,
    redisPrefix: options.redisPrefix ?? 'echo-kit',
  }
  if (options.redis !== undefined && (typeof options.redis !== 'string' || !/^rediss?:\/\//.test(options.redis))) {
    throw new RangeError(`redis must be a redis:// or rediss:// URL, got ${String(options.redis)}`)
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`port must be an integer 0..65535, got ${String(port)}`)
  }
  return resolved
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive number, got ${String(value)}`)
  }
  return value
}
