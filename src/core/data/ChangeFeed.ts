/** What changed in one notification: per object id, the top-level keys (null: the whole object). */
export type ChangeSet = ReadonlyMap<string, ReadonlySet<string> | null>

/** What a subscribed query hands the feed (closures, so the query's own API stays public-only). */
export interface QueryHooks {
  /** Called at once for every changed object, so the query re-evaluates only those. */
  markDirty(id: string): void
  /** Called once a batch of changes is complete. */
  notifyIfChanged(): void
  /** What the query is and who listens, for devtools (see liveQueries). */
  describe?(): QueryDescription
}

/** A subscribed query as devtools show it. */
export interface QueryDescription {
  filter: unknown
  sort: unknown
  listeners: number
  results: number
}

/**
 * Who hears about changes of a database, and when. Every change to the read model is recorded
 * at once (version bump, subscribed queries marked dirty), but listeners run only in
 * {@link ChangeFeed.settle}, once per batch: a burst of writes in one task notifies once.
 */
export class ChangeFeed {
  #version = 0
  #changes = new Map<string, Set<string> | null>()
  #queries = new Set<QueryHooks>()
  #objectListeners = new Map<string, Set<(keys: ReadonlySet<string> | null) => void>>()
  #listeners = new Set<(changes: ChangeSet) => void>()
  #statusListeners = new Set<() => void>()

  /** Increments on every recorded change; a cheap staleness check for snapshots. */
  get version(): number {
    return this.#version
  }

  /** Live subscriptions (object listeners, attached queries, listeners); for leak checks. */
  get listenerCount(): number {
    let n = this.#listeners.size + this.#queries.size
    for (const set of this.#objectListeners.values()) n += set.size
    return n
  }

  /** Notes that `key` of object `id` changed (null: the whole object). */
  record(id: string, key: string | null): void {
    this.#version++
    const keys = this.#changes.get(id)
    if (key === null) this.#changes.set(id, null)
    else if (keys === undefined) this.#changes.set(id, new Set([key]))
    else if (keys !== null) keys.add(key)
    for (const q of this.#queries) q.markDirty(id)
  }

  /** Tells queries, then object listeners, then database listeners what changed since last time. */
  settle(): void {
    if (!this.#changes.size) return
    const changes = this.#changes
    this.#changes = new Map()
    // Copies: a listener may subscribe or unsubscribe while we iterate.
    for (const q of [...this.#queries]) q.notifyIfChanged()
    for (const [id, keys] of changes) {
      const set = this.#objectListeners.get(id)
      if (set) for (const l of [...set]) l(keys)
    }
    for (const l of [...this.#listeners]) l(changes)
  }

  /** Tells status listeners that the database's status changed. */
  emitStatus(): void {
    for (const l of [...this.#statusListeners]) l()
  }

  /** Keeps a query's result up to date while it is subscribed. Returns the detach function. */
  attachQuery(hooks: QueryHooks): () => void {
    this.#queries.add(hooks)
    return () => this.#queries.delete(hooks)
  }

  /** The queries attached now (a copy), for devtools. */
  attachedQueries(): QueryHooks[] {
    return [...this.#queries]
  }

  /** Listens to every batch of changes. Returns the unsubscribe function. */
  subscribe(listener: (changes: ChangeSet) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Listens to changes of one object. Returns the unsubscribe function. */
  subscribeObject(id: string, listener: (keys: ReadonlySet<string> | null) => void): () => void {
    let set = this.#objectListeners.get(id)
    if (!set) this.#objectListeners.set(id, (set = new Set()))
    set.add(listener)
    return () => {
      set!.delete(listener)
      // Drop the empty set so long-lived databases do not keep one per object ever watched.
      if (set!.size === 0 && this.#objectListeners.get(id) === set) this.#objectListeners.delete(id)
    }
  }

  /** Listens to status changes. Returns the unsubscribe function. */
  subscribeStatus(listener: () => void): () => void {
    this.#statusListeners.add(listener)
    return () => this.#statusListeners.delete(listener)
  }
}
