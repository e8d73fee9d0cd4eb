// When WebRTCNetworkAdapter counts as ready. automerge-repo waits for `whenReady()` before
// it declares a document unavailable, so "ready" must mean "the peers that were already in
// our topics at connect time had their chance": each is connected, refused or gone, or the
// wait timed out. Peers that come later do not hold anything up.

/**
 * The adapter's readiness: which topics' first `peers` list and which listed peers it still
 * waits for. Once open it stays open.
 *
 * @example
 * const gate = new ReadyGate()
 * gate.start(['topic-a'], 5000)
 * if (gate.takeFirstList('topic-a')) gate.waitFor('bob')
 * gate.settle('bob') // connected: ready
 */
export class ReadyGate {
  #ready = false
  #started = false
  #resolve!: () => void
  readonly #promise = new Promise<void>((resolve) => (this.#resolve = resolve))
  #timer: ReturnType<typeof setTimeout> | null = null
  // Topics whose first `peers` list has not come yet, and the peers listed there that are
  // neither connected nor given up on.
  #awaitingTopics = new Set<string>()
  readonly #pendingPeers = new Set<string>()

  /** True once open. */
  get isReady(): boolean {
    return this.#ready
  }

  /** Resolves when the gate opens. */
  whenReady(): Promise<void> {
    return this.#promise
  }

  /** Starts waiting (on connect) for the first `peers` list of each topic, at most `timeoutMs`. */
  start(topics: Iterable<string>, timeoutMs: number): void {
    if (this.#ready) return
    this.#started = true
    this.#awaitingTopics = new Set(topics)
    this.#pendingPeers.clear()
    this.#timer ??= setTimeout(() => this.open(), timeoutMs)
    this.check()
  }

  /** A `peers` list for `topic` came: true when it is the first one and its peers count. */
  takeFirstList(topic: string): boolean {
    return !this.#ready && this.#awaitingTopics.delete(topic)
  }

  /** Waits for this peer (listed in a first `peers` list) to connect or be given up on. */
  waitFor(id: string): void {
    this.#pendingPeers.add(id)
  }

  /** `topic` was left: its `peers` list is no longer awaited (call {@link check} after). */
  dropTopic(topic: string): void {
    this.#awaitingTopics.delete(topic)
  }

  /** This peer connected, refused us or went away: no longer waited for. */
  settle(id: string): void {
    if (this.#pendingPeers.delete(id)) this.check()
  }

  /** Opens the gate when it has started and nothing is awaited any more. */
  check(): void {
    if (!this.#ready && this.#started && this.#awaitingTopics.size === 0 && this.#pendingPeers.size === 0) this.open()
  }

  /** Opens the gate now (timeout, WebRTC unavailable, disconnect). Idempotent. */
  open(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    if (this.#ready) return
    this.#ready = true
    this.#resolve()
  }
}
