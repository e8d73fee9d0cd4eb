// What WebRTCNetworkAdapter knows about one remote peer, keyed by its signaling id, across
// all the connections it ever has with it: which of our topics it is in, the current
// PeerConnection and handshake, the session once both sides accepted, and when to redial.
import type { HandshakeInbox } from './HandshakeInbox.ts'
import type { PeerConnection } from './PeerConnection.ts'
import type { Session } from './SessionHooks.ts'

// Late signals come from the last few connections; older conn ids need not be remembered.
const MAX_RETIRED_CONNS = 16

/**
 * The adapter's bookkeeping for one remote peer. The adapter drives every transition; this
 * only holds the state and the small operations on it.
 *
 * @example
 * const remote = new RemotePeer('bob-signaling-id')
 * remote.topics.add(topic)
 */
export class RemotePeer {
  /** Our topics it is in: while any, it is dialed again after a lost connection. */
  readonly topics = new Set<string>()
  /** The topic it last signaled us on (it may have called before we saw it in a topic). */
  signalTopic: string | null = null
  /** The current connection, if any (at most one per remote). */
  pc: PeerConnection | null = null
  /** When the current connection was created, to tell a stale negotiation from a fresh one. */
  dialedAt = 0
  /** Handshake messages of the current connection, until its session is announced. */
  inbox: HandshakeInbox | null = null
  /** Our handshake accepted the remote; waiting for it to accept us. */
  pending: Session | null = null
  /** Both accepted: announced to the Repo. */
  session: Session | null = null
  /** Remote conn ids of connections we have closed: their late signals are ignored. */
  readonly retired: string[] = []
  /** Redials since the last connection that lasted; sets the backoff. */
  attempt = 0
  /** When the current session was announced, to tell a lasting connection from a flapping one. */
  announcedAt = 0
  /** False once either side refused, or another connection took over its peer id. */
  retry = true
  retryTimer: ReturnType<typeof setTimeout> | null = null
  connectTimer: ReturnType<typeof setTimeout> | null = null

  constructor(
    /** Its signaling id. */
    readonly id: string,
  ) {}

  /** A topic to signal it through: one we share, else the one it last called us on. */
  signalTopicFor(): string | null {
    for (const topic of this.topics) return topic
    return this.signalTopic
  }

  /** Remembers the remote conn id of a connection we closed, so its late signals are ignored. */
  retire(conn: string): void {
    this.retired.push(conn)
    if (this.retired.length > MAX_RETIRED_CONNS) this.retired.shift()
  }

  /** Cancels a scheduled redial. */
  stopRetryTimer(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
  }

  /** Cancels the deadline of the current connection's negotiation and handshake. */
  stopConnectTimer(): void {
    if (this.connectTimer) clearTimeout(this.connectTimer)
    this.connectTimer = null
  }
}
