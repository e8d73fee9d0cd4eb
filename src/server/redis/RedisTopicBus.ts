import { randomBytes } from 'node:crypto'
import type { createClient } from 'redis'
import type { TopicBus, TopicBusEvents } from './TopicBus.ts'

/** Options of {@link RedisTopicBus.connect}. */
export interface RedisTopicBusOptions {
  /** Prefix of every key and channel, so several clusters can share one Redis. Default 'echo-kit'. */
  prefix?: string
  /** How long a silent process counts as alive (its members with it). Default 10 s. */
  processTtlMs?: number
}

type Redis = ReturnType<typeof createClient>

// `redis` is an optional dependency: only a server started with the `redis` option loads it.
async function loadRedis(): Promise<typeof import('redis')> {
  try {
    return await import('redis')
  } catch (error) {
    throw new Error(`the redis option needs the 'redis' package (npm install redis): ${(error as Error).message}`, { cause: error })
  }
}

type Message = { k: 'join' | 'leave'; p: string; peer: string } | { k: 'signal'; p: string; from: string; to: string; data: { [key: string]: unknown } }

/**
 * A {@link TopicBus} over Redis: each topic is a hash `peerId -> process id` plus a pub/sub
 * channel for joins, leaves and signals; each process keeps a liveness key it refreshes, so the
 * members of a process that died stop counting within `processTtlMs` even though it could not
 * clean up. A process only follows (subscribes to) topics it has local members in.
 *
 * @example const bus = await RedisTopicBus.connect('redis://127.0.0.1:6379', events)
 */
export class RedisTopicBus implements TopicBus {
  readonly #pub: Redis
  readonly #sub: Redis
  readonly #events: TopicBusEvents
  readonly #prefix: string
  readonly #ttlMs: number
  readonly #id = randomBytes(8).toString('hex')
  /** Remote members of the topics we follow. */
  readonly #remote = new Map<string, Set<string>>()
  /** Our members, for cleanup on close. */
  readonly #local = new Map<string, Set<string>>()
  #heartbeat: ReturnType<typeof setInterval> | undefined

  private constructor(pub: Redis, sub: Redis, events: TopicBusEvents, options: RedisTopicBusOptions) {
    this.#pub = pub
    this.#sub = sub
    this.#events = events
    this.#prefix = options.prefix ?? 'echo-kit'
    this.#ttlMs = options.processTtlMs ?? 10_000
  }

  /** Connects to Redis (rejects when it cannot) and starts this process's heartbeat. */
  static async connect(url: string, events: TopicBusEvents, options: RedisTopicBusOptions = {}): Promise<RedisTopicBus> {
    const { createClient } = await loadRedis()
    let started = false
    // Before the first connection a failure is final (a wrong URL fails the server's start at
    // once); after it, Redis restarting is waited out with capped backoff.
    const open = (): Redis =>
      createClient({ url, socket: { connectTimeout: 5_000, reconnectStrategy: (retries: number) => (started ? Math.min(50 * 2 ** retries, 2_000) : false) } }) as unknown as Redis
    const pub = open()
    const sub = open()
    const bus = new RedisTopicBus(pub, sub, events, options)
    pub.on('error', (error: Error) => events.error(error))
    sub.on('error', (error: Error) => events.error(error))
    try {
      await pub.connect()
      await sub.connect()
      await bus.#beat()
      started = true
    } catch (error) {
      await Promise.allSettled([pub.isOpen ? pub.close() : undefined, sub.isOpen ? sub.close() : undefined])
      throw error
    }
    bus.#heartbeat = setInterval(() => void bus.#beat().catch((e: Error) => events.error(e)), Math.max(500, Math.floor(bus.#ttlMs / 3)))
    return bus
  }

  async members(topic: string): Promise<string[]> {
    if (!this.#remote.has(topic)) {
      this.#remote.set(topic, new Set())
      await this.#sub.subscribe(this.#channel(topic), (raw: string) => this.#receive(topic, raw))
    }
    const entries = (await this.#pub.hGetAll(this.#topicKey(topic))) as Record<string, string>
    const processes = [...new Set(Object.values(entries))].filter((p) => p !== this.#id)
    const alive = new Set<string>()
    if (processes.length) {
      const beats = await this.#pub.mGet(processes.map((p) => this.#processKey(p)))
      processes.forEach((p, i) => beats[i] && alive.add(p))
    }
    const remote = this.#remote.get(topic)
    const out: string[] = []
    for (const [peer, process] of Object.entries(entries)) {
      if (process === this.#id) continue
      if (alive.has(process)) {
        out.push(peer)
        remote?.add(peer)
      } else {
        // A dead process's member: nobody else will remove it.
        void this.#pub.sendCommand(['HDEL', this.#topicKey(topic), peer]).catch((e: Error) => this.#events.error(e))
      }
    }
    return out
  }

  hasRemote(topic: string, peerId: string): boolean {
    return this.#remote.get(topic)?.has(peerId) ?? false
  }

  joined(topic: string, peerId: string): void {
    if (!this.#local.has(topic)) this.#local.set(topic, new Set())
    this.#local.get(topic)!.add(peerId)
    this.#remote.get(topic)?.delete(peerId) // it is ours now (e.g. it failed over to us)
    this.#run(async () => {
      await this.#pub.hSet(this.#topicKey(topic), peerId, this.#id)
      await this.#publish(topic, { k: 'join', p: this.#id, peer: peerId })
    })
  }

  left(topic: string, peerId: string, last: boolean): void {
    this.#local.get(topic)?.delete(peerId)
    if (last) this.#local.delete(topic)
    this.#run(async () => {
      // Only our own entry: the peer may already have rejoined through another process.
      const owner = await this.#pub.hGet(this.#topicKey(topic), peerId)
      if (owner === this.#id) await this.#pub.hDel(this.#topicKey(topic), peerId)
      await this.#publish(topic, { k: 'leave', p: this.#id, peer: peerId })
      if (last && this.#remote.delete(topic)) await this.#sub.unsubscribe(this.#channel(topic))
    })
  }

  signal(topic: string, from: string, to: string, data: object): void {
    this.#run(() => this.#publish(topic, { k: 'signal', p: this.#id, from, to, data: data as { [key: string]: unknown } }))
  }

  async close(): Promise<void> {
    clearInterval(this.#heartbeat)
    try {
      for (const [topic, peers] of this.#local) {
        for (const peer of peers) {
          const owner = await this.#pub.hGet(this.#topicKey(topic), peer)
          if (owner === this.#id) await this.#pub.hDel(this.#topicKey(topic), peer)
          await this.#publish(topic, { k: 'leave', p: this.#id, peer })
        }
      }
      await this.#pub.del(this.#processKey(this.#id))
    } finally {
      this.#local.clear()
      this.#remote.clear()
      await Promise.allSettled([this.#sub.close(), this.#pub.close()])
    }
  }

  #receive(topic: string, raw: string): void {
    let message: Message
    try {
      message = JSON.parse(raw) as Message
    } catch {
      return this.#events.error(new Error('a message on the Redis channel was not JSON'))
    }
    if (!message || message.p === this.#id) return // our own publication
    const remote = this.#remote.get(topic)
    if (!remote) return
    if (message.k === 'join' && typeof message.peer === 'string') {
      remote.add(message.peer)
      this.#events.joined(topic, message.peer)
    } else if (message.k === 'leave' && typeof message.peer === 'string') {
      if (remote.delete(message.peer)) this.#events.left(topic, message.peer)
    } else if (message.k === 'signal' && typeof message.from === 'string' && typeof message.to === 'string' && message.data && typeof message.data === 'object') {
      this.#events.signal(topic, message.from, message.to, message.data)
    }
  }

  async #beat(): Promise<void> {
    await this.#pub.sendCommand(['SET', this.#processKey(this.#id), '1', 'PX', String(this.#ttlMs)])
  }

  #publish(topic: string, message: Message): Promise<unknown> {
    return this.#pub.publish(this.#channel(topic), JSON.stringify(message))
  }

  #run(task: () => Promise<unknown>): void {
    task().catch((error: Error) => this.#events.error(error))
  }

  #topicKey(topic: string): string {
    return `${this.#prefix}:topic:${topic}`
  }

  #channel(topic: string): string {
    return `${this.#prefix}:ch:${topic}`
  }

  #processKey(id: string): string {
    return `${this.#prefix}:proc:${id}`
  }
}
