import { DEFAULT_MAX_MESSAGE_BYTES } from '../p2p/index.ts'

/**
 * Options of {@link startSignalingServer}. Every limit has a safe default.
 *
 * @example await startSignalingServer({ port: 4100, host: '0.0.0.0', log: console.log })
 */
export type SignalingServerOptions = {
  /** TCP port; 0 picks a free one (read it back from `server.port`). Default 0. */
  port?: number | undefined
  /** Interface to bind. Default '127.0.0.1'; use '0.0.0.0' to serve other machines. */
  host?: string | undefined
  /** Largest accepted frame in bytes. Default 64 KiB. */
  maxMessageBytes?: number | undefined
  /** Sustained frames per second per connection (token bucket, burst of the same size). Default 200. */
  maxMessagesPerSecond?: number | undefined
  /** Topics one connection may be in at once. Default 64. */
  maxTopicsPerConnection?: number | undefined
  /** A connection silent (no frame, no pong) this long is closed. Default 60 000. */
  idleTimeoutMs?: number | undefined
  /** A connection that has not proven its key (`hello`) this long after opening is closed. Default 10 000. */
  helloTimeoutMs?: number | undefined
  /** Open connections, all clients together. Default 10 000. */
  maxConnections?: number | undefined
  /** Open connections from one client address (IPv6: one /64). Default 128. */
  maxConnectionsPerIp?: number | undefined
  /** Distinct topics, all clients together. Default 100 000. */
  maxTopics?: number | undefined
  /** Topic memberships of all connections from one client address. Default 1 024. */
  maxTopicsPerIp?: number | undefined
  /**
   * Browser origins allowed to connect (e.g. `['https://app.example']`); a WebSocket upgrade with
   * another `Origin` header is refused with 403. Requests without `Origin` (Node clients) are let
   * in: any non-browser client can send whatever Origin it likes, so this stops other web sites
   * from using your server through their visitors' browsers, not scripts. Default: any origin.
   */
  allowedOrigins?: string[] | undefined
  /**
   * Take the client address from the last `X-Forwarded-For` entry (set this behind a reverse
   * proxy you run, else every client shares the proxy's address and its per-address caps).
   * Default false.
   */
  trustProxy?: boolean | undefined
  /** Receives one line per notable event (start, stop, abusive client closed). Default: silent. */
  log?: ((line: string) => void) | undefined
  /**
   * Redis URL (e.g. 'redis://127.0.0.1:6379'): several server processes share topics through it,
   * so peers connected to different processes find each other. Default: none (one process).
   */
  redis?: string | undefined
  /** Prefix of the Redis keys and channels (several clusters on one Redis). Default 'echo-kit'. */
  redisPrefix?: string | undefined
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
  helloTimeoutMs: number
  maxConnections: number
  maxConnectionsPerIp: number
  /** `maxTopics`: distinct topics on the server. */
  maxTopicsTotal: number
  maxTopicsPerIp: number
  /** Null: any origin. */
  allowedOrigins: ReadonlySet<string> | null
  trustProxy: boolean
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
    helloTimeoutMs: positive(options.helloTimeoutMs, 10_000, 'helloTimeoutMs'),
    maxConnections: positive(options.maxConnections, 10_000, 'maxConnections'),
    maxConnectionsPerIp: positive(options.maxConnectionsPerIp, 128, 'maxConnectionsPerIp'),
    maxTopicsTotal: positive(options.maxTopics, 100_000, 'maxTopics'),
    maxTopicsPerIp: positive(options.maxTopicsPerIp, 1024, 'maxTopicsPerIp'),
    allowedOrigins: origins(options.allowedOrigins),
    trustProxy: options.trustProxy === true,
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

function origins(list: string[] | undefined): ReadonlySet<string> | null {
  if (list === undefined) return null
  if (!Array.isArray(list) || !list.every((o) => typeof o === 'string' && o.length > 0)) {
    throw new RangeError('allowedOrigins must be a list of origins like https://app.example')
  }
  // Browsers send the origin without a trailing slash; accept the list written either way.
  return new Set(list.map((o) => o.replace(/\/+$/, '')))
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive number, got ${String(value)}`)
  }
  return value
}
