// The browser build's stand-in for importNodeOnly.ts (swapped in by scripts/build.js): browsers
// have WebSocket and RTCPeerConnection, so reaching this means the page lacks them.
import { EchoError } from '../core/shared/index.ts'
import type { NodeOnlyModule } from './importNodeOnly.ts'

/**
 * Always rejects: Node-only modules do not exist in the browser build.
 *
 * @example await importNodeOnly('ws') // EchoError NETWORK_FAILED in a browser
 */
export async function importNodeOnly(name: NodeOnlyModule): Promise<unknown> {
  throw new EchoError('NETWORK_FAILED', `'${name}' is for Node only; this browser lacks WebSocket or RTCPeerConnection: pass the WebSocket / RTCPeerConnection option`)
}
