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
  /** Signals delivered to their target (or handed to the process that holds it). */
  relayed: number
  /** Failed exchanges with Redis (only with the `redis` option). */
  busErrors: number
  dropped: {
    /** Not JSON, binary, wrong shape or invalid field. */
    malformed: number
    /** Larger than maxMessageBytes (also counts sockets closed by the hard payload cap). */
    oversized: number
    /** Over the per-connection rate. */
    rateLimited: number
    /** Unknown `type`, or a server→client type sent by a client. */
    unknown: number
    /** Join refused: the connection, its address or the server is at its topic cap. */
    tooManyTopics: number
    /** Connection refused or closed: its address or the server is at its connection cap. */
    tooManyConnections: number
    /** Upgrade refused: its Origin is not in `allowedOrigins`. */
    badOrigin: number
    /** `hello` refused: a key that is not canonical or a signature over the nonce that does not verify. */
    badHello: number
    /** Signal from a connection not in the topic. */
    notInTopic: number
    /** Signal to a peer not in the topic. */
    unknownPeer: number
    /** Join refused: that peerId is already in the topic on another connection. */
    duplicatePeer: number
    /** Frame before `hello`, a second `hello`, or no `hello` within helloTimeoutMs. */
    protocol: number
    /** Signal dropped because the target is not reading (its send buffer is full). */
    backpressure: number
  }
}

/**
 * The running totals the server's parts increment. Connections and topics are not counted
 * here: {@link SignalingServer.stats} reads them live from the sets that hold them.
 *
 * @example const counters = createCounters(); counters.dropped.malformed++
 */
export type SignalingCounters = Pick<SignalingStats, 'relayed' | 'busErrors' | 'dropped'>

/**
 * Fresh counters, all zero.
 *
 * @example const counters = createCounters() // { relayed: 0, dropped: { malformed: 0, … } }
 */
export function createCounters(): SignalingCounters {
  return {
    relayed: 0,
    busErrors: 0,
    dropped: {
      malformed: 0,
      oversized: 0,
      rateLimited: 0,
      unknown: 0,
      tooManyTopics: 0,
      tooManyConnections: 0,
      badOrigin: 0,
      badHello: 0,
      notInTopic: 0,
      unknownPeer: 0,
      duplicatePeer: 0,
      protocol: 0,
      backpressure: 0,
    },
  }
}
