// In-process signaling for unit tests and benchmarks: no server, no sockets. It mimics the
// real server where it matters to the WebRTC adapter: delivery is asynchronous and in order,
// signals only flow between members of the same topic, payloads must survive JSON.
import type {
  Signaling,
  SignalingPeerEvent,
  SignalingPeersEvent,
  SignalingSignalEvent,
} from '../core/network/index.ts'

type Events = {
  peers: SignalingPeersEvent
  'peer-joined': SignalingPeerEvent
  'peer-left': SignalingPeerEvent
  signal: SignalingSignalEvent
}

/**
 * One relayed signal, as recorded in {@link MemorySignalingHub.log}.
 *
 * @example hub.log.filter((s) => s.from === 'a')
 */
export type MemorySignalRecord = { topic: string; from: string; to: string; data: unknown }

let nextAnonymous = 0

/**
 * The "server" that {@link MemorySignaling} clients share. Tests read {@link log} to see what
 * was relayed (e.g. to assert that both sides sent an offer).
 *
 * @example
 * const hub = new MemorySignalingHub()
 * const a = hub.client('a'), b = hub.client('b')
 */
export class MemorySignalingHub {
  /** Every signal relayed so far, oldest first. */
  readonly log: MemorySignalRecord[] = []
  private readonly clients = new Map<string, MemorySignaling>()
  private readonly topics = new Map<string, Set<string>>()
  private readonly queue: Array<() => void> = []
  private flushing = false
  private readonly rosterAtDelivery: boolean

  /**
   * `rosterAtDelivery`: compute each `peers` reply when it is delivered instead of when the
   * join happens, so peers that join in the same tick all see (and dial) each other. That
   * is the glare case: both sides of a pair offer at once.
   */
  constructor(options: { rosterAtDelivery?: boolean } = {}) {
    this.rosterAtDelivery = options.rosterAtDelivery ?? false
  }

  /**
   * A new client with signaling id `peerId` (random when omitted).
   *
   * @example const alice = hub.client('alice')
   */
  client(peerId: string = `mem-${nextAnonymous++}`): MemorySignaling {
    if (this.clients.has(peerId)) throw new Error(`MemorySignalingHub: duplicate peer id ${peerId}`)
    const client = new MemorySignaling(this, peerId)
    this.clients.set(peerId, client)
    return client
  }

  /** Called by the hub's clients (`client.join`): adds `peerId` to `topic` and tells the others. */
  join(topic: string, peerId: string): void {
    let members = this.topics.get(topic)
    if (!members) this.topics.set(topic, (members = new Set()))
    const isNew = !members.has(peerId)
    const others = [...members].filter((p) => p !== peerId)
    members.add(peerId)
    const roster = () => ({ topic, peers: [...members].filter((p) => p !== peerId) })
    this.deliver(peerId, 'peers', this.rosterAtDelivery ? roster : { topic, peers: others })
    if (isNew) for (const other of others) this.deliver(other, 'peer-joined', { topic, peerId })
  }

  /** Called by the hub's clients (`client.leave`): removes `peerId` from `topic`. */
  leave(topic: string, peerId: string): void {
    const members = this.topics.get(topic)
    if (!members?.delete(peerId)) return
    for (const other of members) this.deliver(other, 'peer-left', { topic, peerId })
  }

  /** Called by the hub's clients (`client.send`): relays a JSON copy if both are in `topic`. */
  send(topic: string, from: string, to: string, data: unknown): void {
    const members = this.topics.get(topic)
    if (!members?.has(from) || !members.has(to)) return
    // A real server only relays JSON: round-trip so tests catch anything that would not survive.
    const copy: unknown = JSON.parse(JSON.stringify(data))
    this.log.push({ topic, from, to, data: copy })
    this.deliver(to, 'signal', { topic, from, data: copy })
  }

  private deliver<K extends keyof Events>(to: string, event: K, payload: Events[K] | (() => Events[K])): void {
    this.queue.push(() => this.clients.get(to)?.dispatch(event, typeof payload === 'function' ? payload() : payload))
    this.scheduleFlush()
  }

  private scheduleFlush(): void {
    if (!this.flushing) {
      this.flushing = true
      // A macrotask, like a socket: handlers never run inside the caller's stack.
      setTimeout(() => this.flush(), 0)
    }
  }

  private flush(): void {
    // Run only what is queued now; deliveries queued by handlers go to the next tick.
    const batch = this.queue.splice(0)
    for (const run of batch) run()
    if (this.queue.length) setTimeout(() => this.flush(), 0)
    else this.flushing = false
  }
}

/**
 * In-process {@link Signaling} client, for unit tests only. Create it with
 * {@link MemorySignalingHub.client}.
 *
 * @example
 * const hub = new MemorySignalingHub()
 * const adapter = new WebRTCNetworkAdapter({ signaling: hub.client('a'), topic: 't' })
 */
export class MemorySignaling implements Signaling {
  readonly peerId: string
  private readonly hub: MemorySignalingHub
  private readonly handlers: { [K in keyof Events]: Set<(e: Events[K]) => void> } = {
    peers: new Set(),
    'peer-joined': new Set(),
    'peer-left': new Set(),
    signal: new Set(),
  }
  private readonly joined = new Set<string>()

  /** A client of `hub` with this signaling id; {@link MemorySignalingHub.client} makes one for you. */
  constructor(hub: MemorySignalingHub, peerId: string) {
    this.hub = hub
    this.peerId = peerId
  }

  /** Joins `topic`; a `peers` event answers. @example s.join('t') */
  join(topic: string): void {
    this.joined.add(topic)
    this.hub.join(topic, this.peerId)
  }

  /** Leaves `topic`; the others get `peer-left`. @example s.leave('t') */
  leave(topic: string): void {
    this.joined.delete(topic)
    this.hub.leave(topic, this.peerId)
  }

  /** Relays `data` to `to` if both are in `topic`. @example s.send('t', 'b', { hi: 1 }) */
  send(topic: string, to: string, data: unknown): void {
    this.hub.send(topic, this.peerId, to, data)
  }

  /** Subscribes to an event; returns the unsubscribe function. @example s.on('signal', console.log) */
  on<K extends keyof Events>(event: K, handler: (e: Events[K]) => void): () => void {
    const set = this.handlers[event] as Set<(e: Events[K]) => void>
    set.add(handler)
    return () => void set.delete(handler)
  }

  /** Leaves every topic, as a dropped socket would. @example s.close() */
  close(): void {
    for (const topic of [...this.joined]) this.leave(topic)
  }

  /** Called by the hub: delivers an event for a topic this client is in. */
  dispatch<K extends keyof Events>(event: K, payload: Events[K]): void {
    // Like the real client: nothing arrives for topics we are not in (e.g. after leave).
    if (!this.joined.has(payload.topic)) return
    for (const h of [...(this.handlers[event] as Set<(e: Events[K]) => void>)]) h(payload)
  }
}
