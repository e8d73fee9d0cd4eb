// Creation times for `@meta`: a hybrid logical clock (wall-clock milliseconds + a logical tick).

/** Remote times further ahead of our wall clock than this are not followed (a lying peer). */
const MAX_AHEAD_MS = 60_000

/** A point of a {@link HybridClock}: `at` in ms since the epoch, `tick` orders points within one ms. */
export interface ClockTime {
  at: number
  tick: number
}

/**
 * A hybrid logical clock: `at` is the wall clock in whole milliseconds, or the last `at` when
 * the wall clock has not moved past it (it went back, or several objects were made in one
 * millisecond); `tick` counts up within one `at`. So `(at, tick)` strictly increases on one
 * device and `at` never goes backwards, while staying the real time (never ahead of the wall
 * clock, unless that went back). {@link HybridClock.observe} moves it past times seen from peers
 * (at most a minute ahead of our wall clock), so an object made after seeing another one sorts
 * after it.
 *
 * One clock per process (see {@link creationClock}): every space of this device shares it.
 */
export class HybridClock {
  #at = 0
  #tick = 0
  readonly #now: () => number

  constructor(now: () => number = Date.now) {
    this.#now = now
  }

  /** The next time: later than every time this clock gave or observed before. */
  next(): ClockTime {
    const wall = Math.floor(this.#now())
    if (wall > this.#at) {
      this.#at = wall
      this.#tick = 0
    } else this.#tick++
    return { at: this.#at, tick: this.#tick }
  }

  /** Moves the clock past a time seen elsewhere (ignored when not a plausible time). */
  observe(at: unknown, tick: unknown = 0): void {
    if (typeof at !== 'number' || !Number.isFinite(at) || at < this.#at || at > this.#now() + MAX_AHEAD_MS) return
    const t = typeof tick === 'number' && Number.isInteger(tick) && tick >= 0 ? tick : 0
    if (at > this.#at) {
      this.#at = at
      this.#tick = t
    } else if (t > this.#tick) this.#tick = t
  }
}

/** The clock every database of this process stamps `@meta.createdAt` with. */
export const creationClock = new HybridClock()
