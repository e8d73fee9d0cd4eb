// Every hello with a new key costs the host an X25519 key agreement (milliseconds in pure JS, on
// the UI thread in a browser). Anyone holding the code can say hello, so new keys are budgeted:
// per peer (a burst of 3 covers a join flow mounted twice, then 1 a second) and for all peers
// together (a burst of 20, then 20 a second). A hello over budget is ignored; an honest guest
// repeats its hello every 2 s, so it gets in once a flood pauses.
const PER_PEER = { burst: 3, perSecond: 1 }
const TOTAL = { burst: 20, perSecond: 20 }
// Peers remembered at once; the least recently seen is forgotten first (it starts full again).
const MAX_PEERS = 256

interface Bucket {
  tokens: number
  at: number
}

/**
 * Token buckets for the host's new-key hellos.
 *
 * @example if (!budget.take(from, Date.now())) return // over budget: ignored
 */
export class HelloBudget {
  readonly #peers = new Map<string, Bucket>()
  readonly #total: Bucket = { tokens: TOTAL.burst, at: 0 }

  /** Spends one new-key hello for `peer` at `now`; false when it is over budget. */
  take(peer: string, now: number): boolean {
    const mine = this.#peers.get(peer) ?? { tokens: PER_PEER.burst, at: now }
    this.#peers.delete(peer)
    this.#peers.set(peer, mine)
    if (this.#peers.size > MAX_PEERS) this.#peers.delete(this.#peers.keys().next().value!)
    refill(mine, now, PER_PEER)
    refill(this.#total, now, TOTAL)
    if (mine.tokens < 1 || this.#total.tokens < 1) return false
    mine.tokens--
    this.#total.tokens--
    return true
  }
}

function refill(bucket: Bucket, now: number, rule: { burst: number; perSecond: number }): void {
  bucket.tokens = Math.min(rule.burst, bucket.tokens + (Math.max(0, now - bucket.at) * rule.perSecond) / 1000)
  bucket.at = now
}
