// Creation times for `@meta.createdAt`: a hybrid logical clock in milliseconds.

/** Step added when the wall clock has not moved past the last value: one microsecond. */
const TICK = 0.001
/** Remote times further ahead of our wall clock than this are not followed (a lying peer). */
const MAX_AHEAD_MS = 60_000

/**
 * A hybrid logical clock in milliseconds since the epoch: the wall clock when it has moved on,
 * otherwise the last value plus one microsecond, so values from one device strictly increase
 * (and never go backwards when the wall clock does), and several objects added in one
 * millisecond keep their creation order. {@link HybridClock.observe} moves it past times seen
 * from peers (at most a minute ahead of our wall clock), so an object made after seeing
 * another one sorts after it. Values stay usable as `new Date(createdAt)`.
 *
 * One clock per process (see {@link creationClock}): every space of this device shares it.
 */
export class HybridClock {
  #last = 0
  readonly #now: () => number

  constructor(now: () => number = Date.now) {
    this.#now = now
  }

  /** The next time: greater than every value this clock gave or observed before. */
  next(): number {
    const wall = this.#now()
    this.#last = wall > this.#last ? wall : this.#last + TICK
    return this.#last
  }

  /** Moves the clock past a time seen elsewhere (ignored when not a plausible time). */
  observe(time: unknown): void {
    if (typeof time !== 'number' || !Number.isFinite(time) || time <= this.#last) return
    if (time > this.#now() + MAX_AHEAD_MS) return
    this.#last = time
  }
}

/** The clock every database of this process stamps `@meta.createdAt` with. */
export const creationClock = new HybridClock()
