/**
 * A tiny observable value: `subscribe(listener) => unsubscribe` plus a synchronous snapshot whose
 * identity changes only when its content does. The shape every live thing in echo-kit offers.
 *
 * @example
 * const store = new Store({ count: 0 })
 * store.subscribe(() => console.log(store.getSnapshot()))
 * store.set({ count: 1 })
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
  set(patch: Partial<T>): void {
    let changed = false
    for (const key of Object.keys(patch) as (keyof T)[]) {
      if (!Object.is(this.#value[key], patch[key])) changed = true
    }
    if (!changed) return
    this.#value = Object.freeze({ ...this.#value, ...patch })
    for (const l of [...this.#listeners]) l()
  }
}
