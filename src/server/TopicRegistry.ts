import { refuse, send, type Connection } from './Connection.ts'
import type { TopicBus } from './redis/index.ts'
import type { SignalingCounters } from './SignalingStats.ts'

// A slow reader must not make the server buffer signals without bound.
const MAX_BUFFERED_BYTES = 1024 * 1024

/**
 * The topics and who is in them: join, leave and relay, with the rules that keep one peer id
 * per topic and one connection out of topics it has not joined. Membership lives only here (and
 * mirrored in each {@link Connection.topics}); a topic exists while it has a member.
 *
 * @example
 * const topics = new TopicRegistry({ maxTopics: 64, maxTopicsPerIp: 1024, maxTopicsTotal: 100_000, counters, onDuplicate: (holder, now) => probe(holder, now, 60_000) })
 * topics.join(conn, 'alice', topic, Date.now())
 */
export class TopicRegistry {
  readonly #topics = new Map<string, Map<string, Connection>>()
  readonly #maxTopics: number
  readonly #maxTopicsPerIp: number
  readonly #maxTopicsTotal: number
  // Topic memberships per client address, for the per-address cap.
  readonly #perIp = new Map<string, number>()
  readonly #counters: SignalingCounters
  readonly #onDuplicate: (holder: Connection, now: number) => void
  #bus: TopicBus | undefined

  constructor(options: {
    /** Topics one connection may be in at once. */
    maxTopics: number
    /** Memberships of all connections from one address. Default: no cap. */
    maxTopicsPerIp?: number
    /** Distinct topics on the server. Default: no cap. */
    maxTopicsTotal?: number
    /** Where refused joins and signals, and relayed signals, are counted. */
    counters: SignalingCounters
    /** Called with the current holder when another connection joins with its peer id. */
    onDuplicate: (holder: Connection, now: number) => void
  }) {
    this.#maxTopics = options.maxTopics
    this.#maxTopicsPerIp = options.maxTopicsPerIp ?? Infinity
    this.#maxTopicsTotal = options.maxTopicsTotal ?? Infinity
    this.#counters = options.counters
    this.#onDuplicate = options.onDuplicate
  }

  /**
   * Shares the topics with other processes (Redis). Joins then also list, and relays also
   * reach, peers connected to the other processes.
   */
  useBus(bus: TopicBus): void {
    this.#bus = bus
  }

  /** Peers of other processes joined `topic`: tell the local members. */
  remoteJoined(topic: string, peerId: string): void {
    const members = this.#topics.get(topic)
    if (!members) return
    for (const [id, conn] of members) if (id !== peerId) send(conn, { type: 'peer-joined', topic, peerId })
  }

  /** A peer of another process left `topic`. */
  remoteLeft(topic: string, peerId: string): void {
    const members = this.#topics.get(topic)
    if (!members || members.has(peerId)) return // it reconnected here meanwhile
    for (const conn of members.values()) send(conn, { type: 'peer-left', topic, peerId })
  }

  /** A signal from a peer of another process for a local member. */
  remoteSignal(topic: string, from: string, to: string, data: { [key: string]: unknown }): void {
    const target = this.#topics.get(topic)?.get(to)
    if (!target) return
    if (target.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.#counters.dropped.backpressure++
      return
    }
    if (send(target, { type: 'signal', topic, from, data })) this.#counters.relayed++
  }

  /** Topics with at least one member. */
  get size(): number {
    return this.#topics.size
  }

  /** Adds `conn` as `peerId` to `topic`, sends it the other members and tells them it joined. */
  join(conn: Connection, peerId: string, topic: string, now: number): void {
    let members = this.#topics.get(topic)
    const holder = members?.get(peerId)
    if (holder === conn) {
      // Repeated join (e.g. a client unsure whether its first one arrived): re-send the list.
      send(conn, { type: 'peers', topic, peers: othersIn(members!, peerId) })
      return
    }
    if (holder) {
      this.#counters.dropped.duplicatePeer++
      refuse(conn, 'DUPLICATE_PEER', `peer id '${peerId}' is already in this topic`, topic)
      this.#onDuplicate(holder, now)
      return
    }
    if (conn.topics.size >= this.#maxTopics) {
      this.#counters.dropped.tooManyTopics++
      refuse(conn, 'TOO_MANY_TOPICS', `a connection may be in at most ${this.#maxTopics} topics`, topic)
      return
    }
    const fromIp = this.#perIp.get(conn.ip) ?? 0
    if (fromIp >= this.#maxTopicsPerIp) {
      this.#counters.dropped.tooManyTopics++
      refuse(conn, 'TOO_MANY_TOPICS', `connections from one address may be in at most ${this.#maxTopicsPerIp} topics`, topic)
      return
    }
    if (!members && this.#topics.size >= this.#maxTopicsTotal) {
      this.#counters.dropped.tooManyTopics++
      refuse(conn, 'TOO_MANY_TOPICS', 'the server is at its topic limit; try again later', topic)
      return
    }
    this.#perIp.set(conn.ip, fromIp + 1)
    if (!members) {
      members = new Map()
      this.#topics.set(topic, members)
    }
    const others = othersIn(members, peerId)
    members.set(peerId, conn)
    conn.topics.add(topic)
    for (const other of members.values()) {
      if (other !== conn) send(other, { type: 'peer-joined', topic, peerId })
    }
    const bus = this.#bus
    if (!bus) {
      send(conn, { type: 'peers', topic, peers: others })
      return
    }
    // The newcomer dials everyone in its `peers` list, so the list must include the members
    // of other processes: answer once the bus has them.
    bus.joined(topic, peerId)
    bus.members(topic).then(
      (remote) => {
        const here = this.#topics.get(topic)
        if (here?.get(peerId) !== conn) return // left meanwhile
        send(conn, { type: 'peers', topic, peers: [...new Set([...othersIn(here, peerId), ...remote.filter((r) => r !== peerId)])] })
      },
      () => {
        // The bus is down: serve this process's members; the error was counted by the bus.
        const here = this.#topics.get(topic)
        if (here?.get(peerId) === conn) send(conn, { type: 'peers', topic, peers: othersIn(here, peerId) })
      },
    )
  }

  /**
   * Takes `conn` out of `topic` and tells the rest it left. Does not touch `conn.topics`: the
   * caller does, since a disconnect clears them all at once.
   */
  leave(conn: Connection, topic: string): void {
    const members = this.#topics.get(topic)
    if (!members || conn.peerId === null || members.get(conn.peerId) !== conn) return
    members.delete(conn.peerId)
    this.#bus?.left(topic, conn.peerId, members.size === 0)
    const fromIp = (this.#perIp.get(conn.ip) ?? 1) - 1
    if (fromIp > 0) this.#perIp.set(conn.ip, fromIp)
    else this.#perIp.delete(conn.ip)
    if (members.size === 0) {
      this.#topics.delete(topic)
      return
    }
    for (const other of members.values()) send(other, { type: 'peer-left', topic, peerId: conn.peerId })
  }

  /** Forwards a signal from `conn` (as `from`) to `to`, both members of `topic`. */
  relay(conn: Connection, from: string, topic: string, to: string, data: object): void {
    const members = this.#topics.get(topic)
    if (!members || members.get(from) !== conn) {
      this.#counters.dropped.notInTopic++
      refuse(conn, 'NOT_IN_TOPIC', 'join the topic before signaling in it', topic)
      return
    }
    const target = members.get(to)
    if (!target && this.#bus?.hasRemote(topic, to)) {
      this.#bus.signal(topic, from, to, data)
      this.#counters.relayed++
      return
    }
    if (!target || target === conn) {
      this.#counters.dropped.unknownPeer++
      refuse(conn, 'UNKNOWN_PEER', `peer '${to}' is not in this topic`, topic)
      return
    }
    if (target.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.#counters.dropped.backpressure++
      return
    }
    if (send(target, { type: 'signal', topic, from, data: data as { [key: string]: unknown } })) this.#counters.relayed++
  }
}

function othersIn(members: Map<string, unknown>, self: string): string[] {
  const out: string[] = []
  for (const id of members.keys()) if (id !== self) out.push(id)
  return out
}
