// Persistent abuse: more rate-limited frames than this many seconds' worth within the window.
const ABUSE_SECONDS = 5
const ABUSE_WINDOW_MS = 10_000
// One RATE_LIMITED error per this long at most: answering every dropped frame would amplify a flood.
const ERROR_INTERVAL_MS = 1000

/**
 * What to do with a frame over the rate: `'close'` the connection (it keeps flooding),
 * `'report'` it (send one RATE_LIMITED error), or drop it `'silently'`.
 *
 * @example if (limiter.refused(now) === 'close') ws.close(1008, 'rate limit exceeded')
 */
export type RateVerdict = 'close' | 'report' | 'silently'

/**
 * One connection's frame budget: a token bucket (`rate` per second, burst of the same size,
 * at least one) plus a count of refused frames, so a client that keeps flooding is told once a
 * second and, if it does not stop, disconnected.
 *
 * @example
 * const limiter = new RateLimiter(200, Date.now())
 * if (!limiter.take(now)) handle(limiter.refused(now))
 */
export class RateLimiter {
  /** Sustained frames per second (the server's `maxMessagesPerSecond`). */
  readonly rate: number
  readonly #burst: number
  #tokens: number
  #lastRefill: number
  // Rate-limit drops in the current abuse window; too many closes the socket.
  #abuseCount = 0
  #abuseWindowStart: number
  #lastErrorAt = 0

  constructor(rate: number, now: number) {
    this.rate = rate
    // A fractional rate (e.g. 0.5/s) still needs room for one whole frame in the bucket.
    this.#burst = Math.max(1, rate)
    this.#tokens = this.#burst
    this.#lastRefill = now
    this.#abuseWindowStart = now
  }

  /** Spends one token for a frame arriving at `now`; false when the bucket is empty. */
  take(now: number): boolean {
    const elapsed = now - this.#lastRefill
    if (elapsed > 0) {
      this.#tokens = Math.min(this.#burst, this.#tokens + (elapsed * this.rate) / 1000)
      this.#lastRefill = now
    }
    if (this.#tokens >= 1) {
      this.#tokens -= 1
      return true
    }
    return false
  }

  /** Records a frame that {@link take} refused and says what to do about it. */
  refused(now: number): RateVerdict {
    if (now - this.#abuseWindowStart > ABUSE_WINDOW_MS) {
      this.#abuseWindowStart = now
      this.#abuseCount = 0
    }
    this.#abuseCount++
    if (this.#abuseCount > this.rate * ABUSE_SECONDS) return 'close'
    if (now - this.#lastErrorAt >= ERROR_INTERVAL_MS) {
      this.#lastErrorAt = now
      return 'report'
    }
    return 'silently'
  }
}
