/**
 * The one observable of echo-kit: `subscribe(listener) => unsubscribe` plus a synchronous
 * snapshot whose identity changes exactly when its content does. Every live thing (Client,
 * Space, Query, Invitation, Joining, network and sync status) offers this shape, so React binds
 * to all of them with one `useSyncExternalStore` call. Only the owner (the subclass) writes.
 *
 * @example
 * class Counter extends Store<{ count: number }> {
 *   increment() { this.set({ count: this.getSnapshot().count + 1 }) }
 * }
 * const counter = new Counter({ count: 0 })
 * counter.subscribe(() => console.log(counter.getSnapshot().count))
 */
export class Store<T extends object> {
  #value: T
  #listeners = new Set<() => void>()

  constructor(initial: T) {
    this.#value = Object.freeze({ ...initial })
  }

  /** The current value (frozen; same object until something changes). */
  getSnapshot = (): T => this.#value

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Merges `patch` into the value; notifies only when a field actually changed. */
  protected set(patch: Partial<T>): void {
    let changed = false
    for (const key of Object.keys(patch) as (keyof T)[]) {
      if (!Object.is(this.#value[key], patch[key])) changed = true
    }
    if (!changed) return
    this.#value = Object.freeze({ ...this.#value, ...patch })
    for (const l of [...this.#listeners]) l()
  }
}
