/**
 * What a signaling process shares with the other processes of a cluster: who is in a topic on
 * the other processes, and signals for peers connected elsewhere. Without a bus a process is a
 * cluster of one (today's embedded behaviour).
 *
 * @example
 * const bus = await RedisTopicBus.connect('redis://127.0.0.1:6379', events)
 * bus.joined(topic, peerId)
 */
export interface TopicBus {
  /** Members of `topic` connected to other live processes (also starts following the topic). */
  members(topic: string): Promise<string[]>
  /** True when `peerId` is known to be in `topic` on another process. */
  hasRemote(topic: string, peerId: string): boolean
  /** A local peer joined `topic`: record it and tell the other processes. */
  joined(topic: string, peerId: string): void
  /** A local peer left `topic`. `last` is true when no local peer remains in it. */
  left(topic: string, peerId: string, last: boolean): void
  /** Sends a signal to `to`, a member of `topic` on another process. */
  signal(topic: string, from: string, to: string, data: object): void
  /** Forgets this process's members everywhere and disconnects. */
  close(): Promise<void>
}

/** What the bus reports from the other processes. */
export interface TopicBusEvents {
  joined(topic: string, peerId: string): void
  left(topic: string, peerId: string): void
  signal(topic: string, from: string, to: string, data: { [key: string]: unknown }): void
  /** Something went wrong talking to Redis (counted and logged by the server). */
  error(error: Error): void
}
