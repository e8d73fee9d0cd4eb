import type { NetworkAdapterInterface } from '@automerge/automerge-repo'
import type { Credential } from '../identity/index.ts'
import type { Signaling } from './Signaling.ts'

// The port the engine owns. The engine says what it needs from a peer-to-peer transport;
// `src/p2p` implements it (signaling over ws, WebRTC, authenticated sessions) and the package
// entries hand that implementation to the engine. The engine never imports a transport, the
// way automerge-repo's Repo only knows `NetworkAdapterInterface`.

/**
 * One ICE server for WebRTC: the shape of the DOM's `RTCIceServer`, declared here so that Node
 * apps compile without the DOM lib.
 *
 * @example const stun: IceServer = { urls: 'stun:stun.example.org' }
 */
export interface IceServer {
  urls: string | string[]
  username?: string | undefined
  credential?: string | undefined
}

/** State of a signaling connection the client opened itself. */
export type SignalingConnectionState = 'connecting' | 'open' | 'closed'

/**
 * A signaling channel the client owns: it can be connected, observed and closed.
 *
 * @example
 * const signaling = port.openSignaling('wss://signal.example')
 * signaling.subscribe(() => console.log(signaling.status))
 */
export interface SignalingConnection extends Signaling {
  readonly status: SignalingConnectionState
  subscribe(listener: () => void): () => void
  connect(): void
  close(): void
}

/** What this device proves about itself in a peer session (secret key included: never sent). */
export interface DeviceProof {
  identityKey: string
  deviceKey: string
  deviceSecretKey: Uint8Array
  deviceCredential: Credential
}

/** Who is on the other end of a session, once proven by the handshake. */
export interface VerifiedPeer {
  /** The automerge-repo peer id the remote announced, bound to its device key by signature. */
  peerId: string
  deviceKey: string
  identityKey: string
  deviceCredential: Credential
  /** automerge-repo peer metadata the remote sent (storageId, isEphemeral). */
  meta: Record<string, unknown>
}

/** An automerge-repo message as a session delivered it (shape checked, sender bound to the session). */
export interface InboundMessage {
  type: string
  senderId: string
  targetId?: string
  documentId?: string
  data?: Uint8Array
}

/**
 * The engine's decision on one inbound message of a verified peer: true delivers it to the
 * Repo, false drops it (the engine counts it), a promise holds it until the engine can decide.
 */
export type InboundFilter = (peerId: string, message: InboundMessage) => boolean | Promise<boolean>

/** What the engine gives a transport when it opens one. */
export interface TransportOptions {
  /** Where peers are found; the transport does not close it. */
  signaling: Signaling
  iceServers?: IceServer[]
  /** Node only: local address for ICE candidates (e.g. '127.0.0.1'). */
  bindAddress?: string
  /** This device's keys, or undefined while there is no identity (then no session opens). */
  device(): DeviceProof | undefined
  /** Sessions with a revoked device are refused. */
  isRevoked(deviceKey: string): boolean
  /** A peer proved its device key and credential chain; return false to refuse it. */
  onVerified(peer: VerifiedPeer): boolean
  /**
   * Called for every message a session delivers, before the Repo sees it: the engine refuses
   * writes a peer may not make (see {@link InboundFilter}). A transport must honour it.
   */
  inbound?: InboundFilter
}

/**
 * The peer-to-peer transport: an automerge-repo network adapter whose peers have proven who
 * they are, plus the controls the engine needs (topics, refusing a peer, going offline).
 *
 * @example
 * const transport = port.openTransport({ signaling, device, isRevoked, onVerified })
 * repo.networkSubsystem.addNetworkAdapter(transport.adapter)
 * transport.join(topic)
 */
export interface PeerTransport {
  readonly adapter: NetworkAdapterInterface
  /** Meets the peers of `topic` (a hash: the server never sees space ids). */
  join(topic: string): void
  leave(topic: string): void
  /** Hangs up on a connected peer now and refuses it until it rejoins a topic. */
  refuse(peerId: string): void
  /** True when `peerId` is connected through this transport (not a local link). */
  carries(peerId: string): boolean
  /** Takes the transport down (false) or back up (true). */
  setOnline(online: boolean): void
  close(): void
}

/**
 * A peer-to-peer network implementation the engine can use. `echo-kit` and `echo-kit/core`
 * pass the WebRTC one from `src/p2p`; tests may pass their own.
 *
 * @example await openClient(options, { storage, network: webrtcNetwork })
 */
export interface NetworkPort {
  /** Opens (and connects) a signaling channel to one of these servers. */
  openSignaling(urls: string | string[]): SignalingConnection
  /** Starts the peer transport over a signaling channel. */
  openTransport(options: TransportOptions): PeerTransport
  /**
   * Adapters that link the tabs of one client `name` in a browser (BroadcastChannel). `enabled`
   * is the app's `broadcast` option: only true turns them on (they are trusted as this device).
   */
  localAdapters?(name: string, enabled: boolean | undefined): Promise<NetworkAdapterInterface[]>
}
