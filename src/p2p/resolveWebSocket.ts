// Finding a WebSocket implementation for SignalingClient: the one the app passes in, else the
// global one (browsers, Node >= 22), else the `ws` package, imported only in that last case.
import { EchoError } from '../core/shared/index.ts'
import { importNodeOnly } from './importNodeOnly.ts'

/**
 * The part of the WebSocket API the client uses. Browsers' `WebSocket` and Node's `ws`
 * both fit. Event parameters are loose on purpose: the two disagree on event types, and
 * every payload is validated by parseSignalingMessage anyway.
 *
 * @example const ws: WebSocketLike = new WebSocket('ws://127.0.0.1:4100')
 */
export interface WebSocketLike {
  readonly readyState: number
  onopen: ((event: any) => void) | null
  onmessage: ((event: any) => void) | null
  onclose: ((event: any) => void) | null
  onerror: ((event: any) => void) | null
  send(data: string): void
  close(code?: number, reason?: string): void
}

/**
 * A WebSocket constructor (`globalThis.WebSocket`, or `WebSocket` from the `ws` package in Node).
 *
 * @example import { WebSocket } from 'ws'; const ctor: WebSocketConstructor = WebSocket
 */
export type WebSocketConstructor = new (url: string) => WebSocketLike

/**
 * `given` if set, else the global WebSocket, else the `ws` package. Rejects with
 * NETWORK_FAILED when there is none (the app must then pass one).
 *
 * @example const Ctor = await resolveWebSocket(options.WebSocket); new Ctor(url)
 */
export async function resolveWebSocket(given: WebSocketConstructor | undefined): Promise<WebSocketConstructor> {
  if (given) return given
  const global = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket
  if (global) return global
  // Node < 22: fall back to `ws` (importNodeOnly keeps it out of browser bundles).
  const mod = (await importNodeOnly('ws')) as { default?: unknown; WebSocket?: unknown }
  const ctor = (mod.WebSocket ?? mod.default) as WebSocketConstructor | undefined
  if (!ctor) throw new EchoError('NETWORK_FAILED', 'No WebSocket available: pass the WebSocket option.')
  return ctor
}
