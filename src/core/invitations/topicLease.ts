import type { Signaling } from '../network/index.ts'

/** One holder's share of an invitation topic. */
export interface TopicLease {
  /** Who else is in the topic now, as the signaling server last said (shared by all holders). */
  readonly peers: ReadonlySet<string>
  /** True once the signaling server answered the join with its member list (so `peers` is its word, not a guess). */
  readonly answered: boolean
  /** Lets go of the topic; it is left when no holder is left. Letting go twice is a no-op. */
  release(): void
}

interface Shared {
  holders: number
  answered: boolean
  peers: Set<string>
  off: (() => void)[]
}

// Holders of an invitation topic per signaling channel. A client may run two flows on one topic
// (a retried join, a join flow mounted twice): the first to finish must not take the topic away
// from the other, and the later one must still know who is there, since the server sends the
// member list only on the first join.
const leases = new WeakMap<Signaling, Map<string, Shared>>()

/**
 * Joins `topic` on `signaling` for one holder and tracks its members.
 *
 * @example
 * const lease = leaseTopic(signaling, topic)
 * for (const peer of lease.peers) greet(peer)
 * lease.release()
 */
export function leaseTopic(signaling: Signaling, topic: string): TopicLease {
  let byTopic = leases.get(signaling)
  if (!byTopic) leases.set(signaling, (byTopic = new Map()))
  let shared = byTopic.get(topic)
  if (!shared) {
    const peers = new Set<string>()
    const fresh: Shared = {
      holders: 0,
      answered: false,
      peers,
      off: [
        signaling.on('peers', (e) => {
          if (e.topic !== topic) return
          fresh.answered = true
          peers.clear()
          for (const p of e.peers) peers.add(p)
        }),
        signaling.on('peer-joined', (e) => e.topic === topic && peers.add(e.peerId)),
        signaling.on('peer-left', (e) => e.topic === topic && peers.delete(e.peerId)),
      ],
    }
    shared = fresh
    byTopic.set(topic, shared)
    shared.holders++
    signaling.join(topic)
  } else {
    shared.holders++
  }
  const entry = shared
  let released = false
  return {
    peers: entry.peers,
    get answered() {
      return entry.answered
    },
    release() {
      if (released) return
      released = true
      if (--entry.holders > 0) return
      byTopic.delete(topic)
      for (const off of entry.off.splice(0)) off()
      signaling.leave(topic)
    },
  }
}
