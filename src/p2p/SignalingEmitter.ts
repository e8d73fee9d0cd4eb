// How SignalingClient reports to the app: status changes (for useSyncExternalStore) and
// server events. Listeners are app code, so one that throws must not break the client's
// state machine, nor keep the other listeners from hearing the event.
import type { SignalData } from './signalingProtocol.ts'

/**
 * Event payloads, by event name, for {@link SignalingClient.on}.
 *
 * @example sc.on('peer-joined', ({ topic, peerId }) => dial(topic, peerId))
 */
export type SignalingEvents = {
  /** The other peers in `topic`, sent after every (re)join: the authoritative list. */
  peers: { topic: string; peers: string[] }
  'peer-joined': { topic: string; peerId: string }
  'peer-left': { topic: string; peerId: string }
  signal: { topic: string; from: string; data: SignalData }
  /**
   * Something failed: the server refused something (e.g. RATE_LIMITED, DUPLICATE_PEER for
   * `topic`), or the client cannot reach it (NO_WEBSOCKET: no WebSocket implementation, the
   * client stops; CONNECT_FAILED: a socket could not even be created, the client retries).
   */
  error: { code: string; message: string; topic?: string }
}

/**
 * Name of a {@link SignalingEvents} event.
 *
 * @example const name: SignalingEventName = 'signal'
 */
export type SignalingEventName = keyof SignalingEvents

type Handler<K extends SignalingEventName> = (event: SignalingEvents[K]) => void
type HandlerSets = { [K in SignalingEventName]: Set<Handler<K>> }

/**
 * Status listeners and per-event handlers of a {@link SignalingClient}. Emitting never throws.
 *
 * @example
 * const emitter = new SignalingEmitter()
 * emitter.on('peers', ({ peers }) => console.log(peers))
 * emitter.emit('peers', { topic, peers: ['bob'] })
 */
export class SignalingEmitter {
  readonly #listeners = new Set<() => void>()
  readonly #handlers: HandlerSets = {
    peers: new Set(),
    'peer-joined': new Set(),
    'peer-left': new Set(),
    signal: new Set(),
    error: new Set(),
  }

  /** Adds a status listener; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  /** Calls every status listener. */
  notify(): void {
    for (const listener of [...this.#listeners]) safeCall(listener)
  }

  /** Adds a handler of one event; returns the unsubscribe function. */
  on<K extends SignalingEventName>(event: K, handler: (event: SignalingEvents[K]) => void): () => void {
    const set = this.#handlers[event] as Set<Handler<K>>
    set.add(handler)
    return () => {
      set.delete(handler)
    }
  }

  /** Calls every handler of `event` with `payload`. */
  emit<K extends SignalingEventName>(event: K, payload: SignalingEvents[K]): void {
    for (const handler of [...(this.#handlers[event] as Set<Handler<K>>)]) safeCall(() => handler(payload))
  }
}

// A throwing app handler must not break the client's state machine; rethrow it on its own tick
// so it still surfaces (console, window.onerror, test runner).
function safeCall(fn: () => void): void {
  try {
    fn()
  } catch (err) {
    queueMicrotask(() => {
      throw err
    })
  }
}
