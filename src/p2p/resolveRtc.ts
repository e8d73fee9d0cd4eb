// Finding a WebRTC implementation: the browser's (or one the app passes in), else, in Node,
// node-datachannel's polyfill, which is loaded only then so browser bundles never carry it.
import type { IceServer } from '../core/network/index.ts'
import { importNodeOnly } from './importNodeOnly.ts'
import type { PeerConnectionConstructor } from './PeerConnectionConstructor.ts'

/**
 * The WebRTC choices of {@link resolveRtc}; the same fields as in WebRTCNetworkAdapterOptions.
 *
 * @example const options: RtcOptions = { iceServers: [], bindAddress: '127.0.0.1' }
 */
export type RtcOptions = {
  /** Default: none, so only host candidates (LAN, loopback). */
  iceServers?: IceServer[]
  /** Default: the global one, else node-datachannel's polyfill. */
  RTCPeerConnection?: PeerConnectionConstructor
  /** node-datachannel only: the local address to gather candidates on. */
  bindAddress?: string
}

/**
 * A RTCPeerConnection constructor and the configuration to build every connection with.
 *
 * @example const { ctor, configuration } = await resolveRtc({}); new ctor(configuration)
 */
export type ResolvedRtc = { ctor: typeof RTCPeerConnection; configuration: RTCConfiguration }

/**
 * Picks the RTCPeerConnection to use: the given one, else the global one, else
 * node-datachannel's polyfill (bound to loopback on a host that has nothing else). Rejects
 * when none can be loaded.
 *
 * @example const { ctor, configuration } = await resolveRtc({ iceServers: [] })
 */
export async function resolveRtc(options: RtcOptions): Promise<ResolvedRtc> {
  const iceServers = options.iceServers ?? []
  const given = (options.RTCPeerConnection as typeof RTCPeerConnection | undefined) ?? globalThis.RTCPeerConnection
  if (typeof given === 'function') {
    const configuration = { iceServers, ...(options.bindAddress ? { bindAddress: options.bindAddress } : {}) }
    return { ctor: given, configuration }
  }
  const polyfill = (await importNodeOnly('node-datachannel/polyfill')) as { RTCPeerConnection: unknown }
  const bindAddress = options.bindAddress ?? (await loopbackOnlyAddress())
  return {
    ctor: polyfill.RTCPeerConnection as typeof RTCPeerConnection,
    configuration: { iceServers, ...(bindAddress ? { bindAddress } : {}) } as RTCConfiguration,
  }
}

// libdatachannel gathers no loopback candidates unless bound to loopback, so on a host with
// only `lo` (CI namespaces, sandboxes) nothing would ever connect with the default options.
async function loopbackOnlyAddress(): Promise<string | undefined> {
  try {
    const os = (await importNodeOnly('node:os')) as typeof import('node:os')
    const addresses = Object.values(os.networkInterfaces()).flat()
    return addresses.some((a) => a && !a.internal) ? undefined : '127.0.0.1'
  } catch {
    // No readable interface list (no node:os here, or the sandbox denies it): keep
    // node-datachannel's default of all interfaces, which is right on any ordinary host.
    return undefined
  }
}
