import type { DocumentId, PeerId, Repo } from '@automerge/automerge-repo'
import nacl from 'tweetnacl'
import { SignalingClient } from '../../p2p/index.ts'
import type { Signaling } from './Signaling.ts'
import { WebRTCNetworkAdapter } from '../../p2p/index.ts'
import { deviceSession } from '../../p2p/index.ts'
import { toHex, utf8 } from '../shared/index.ts'
import type { IdentityRecord } from '../identity/index.ts'
import type { NetworkMonitor } from './NetworkStatus.ts'
import type { VerifiedPeer } from '../../p2p/index.ts'
import { randomId } from '../shared/index.ts'
import type { Space } from '../space/index.ts'

/** What the network layer needs from its client. */
export interface NetworkHost {
  repo: Repo
  monitor: NetworkMonitor
  identity(): IdentityRecord | undefined
  spaces(): Iterable<Space>
  isRevoked(deviceKey: string): boolean
}

/** Options for the WebRTC transport. */
export interface NetworkOptions {
  urls?: string | string[]
  signaling?: Signaling
  iceServers?: RTCIceServer[]
  bindAddress?: string
}

/**
 * Topic of a space on the signaling server: a hash of the space's swarm secret, so the server
 * never learns space ids and cannot guess topics.
 *
 * @example spaceTopic(space.secret)
 */
export function spaceTopic(secret: string): string {
  return toHex(nacl.hash(utf8(`echo-kit/topic/space/v1\n${secret}`)).subarray(0, 32))
}

/** Topic where the devices of one identity meet (derived from the HALO document id). */
export function haloTopic(haloDocId: string): string {
  return toHex(nacl.hash(utf8(`echo-kit/topic/halo/v1\n${haloDocId}`)).subarray(0, 32))
}

/**
 * @internal The client's peer-to-peer network: one signaling client, one WebRTC adapter that
 * joins a topic per space (and one for the identity's devices), authenticated sessions, and
 * access control: a verified peer gets a space's documents only while its identity is a
 * member, and the HALO document only if it is this identity.
 */
export class ClientNetwork {
  readonly signaling: Signaling
  readonly adapter: WebRTCNetworkAdapter
  readonly #host: NetworkHost
  readonly #ownsSignaling: boolean
  /** Peers proven by a session handshake, by automerge peer id. */
  readonly #verified = new Map<string, VerifiedPeer>()
  #topics = new Set<string>()
  #online = true
  #offStatus: (() => void) | undefined
  /** Requests refused by access control (counted, for tests and diagnostics). */
  denied = 0

  constructor(host: NetworkHost, options: NetworkOptions) {
    this.#host = host
    if (options.signaling) {
      this.signaling = options.signaling
      this.#ownsSignaling = false
      host.monitor.setSignaling('open')
    } else {
      const client = new SignalingClient({ urls: options.urls!, peerId: `s${randomId().slice(0, 24)}` })
      this.signaling = client
      this.#ownsSignaling = true
      const report = () => host.monitor.setSignaling(client.status === 'open' ? 'open' : client.status === 'connecting' ? 'connecting' : 'closed')
      this.#offStatus = client.subscribe(report)
      client.connect()
      report()
    }
    const session = deviceSession({
      identity: () => host.identity(),
      isRevoked: (key) => host.isRevoked(key),
      onVerified: (peer) => this.#onVerified(peer),
    })
    // One adapter for every topic (a space each, plus the identity's devices): a peer met on
    // several topics gets one connection.
    this.adapter = new WebRTCNetworkAdapter({
      signaling: this.signaling,
      topics: [],
      iceServers: options.iceServers,
      bindAddress: options.bindAddress,
      session,
    })
    host.repo.shareConfig = {
      announce: async (peerId, documentId) => this.#allowed(peerId, documentId),
      access: async (peerId, documentId) => this.#allowed(peerId, documentId),
    }
    host.repo.networkSubsystem.on('peer-disconnected', ({ peerId }) => this.#verified.delete(peerId))
    host.repo.networkSubsystem.addNetworkAdapter(this.adapter)
    this.update()
  }

  /** Joins the topics of the current spaces (and HALO) and leaves the others. */
  update(): void {
    const wanted = new Set<string>()
    for (const space of this.#host.spaces()) if (space.status !== 'closed') wanted.add(spaceTopic(space.secret))
    const halo = this.#host.identity()?.haloDocId
    if (halo) wanted.add(haloTopic(halo))
    if (!this.#host.identity()) wanted.clear() // no identity, no sessions: nothing to join yet
    for (const t of this.#topics) if (!wanted.has(t)) this.adapter.leave(t)
    for (const t of wanted) if (!this.#topics.has(t)) this.adapter.join(t)
    this.#topics = wanted
    // A revoked device is cut off now, not at its next reconnect.
    for (const [peerId, peer] of this.#verified) {
      if (this.#host.isRevoked(peer.deviceKey)) {
        this.#verified.delete(peerId)
        this.adapter.refusePeer(peerId as PeerId)
      }
    }
    this.#host.repo.shareConfigChanged()
  }

  /** Verified identity of a connected peer, if it came through a session. */
  peer(peerId: string): VerifiedPeer | undefined {
    return this.#verified.get(peerId)
  }

  /** Takes the network down (false) or brings it back (true); local writes go on meanwhile. */
  setOnline(online: boolean): void {
    if (online === this.#online) return
    this.#online = online
    const sc = this.#ownsSignaling ? (this.signaling as SignalingClient) : undefined
    if (online) {
      sc?.connect()
      // A Signaling object given by the app is always up; only our own client reports its state.
      if (!sc) this.#host.monitor.setSignaling('open')
      this.adapter.connect(this.#host.repo.peerId, this.adapter.peerMetadata)
    } else {
      this.adapter.disconnect()
      sc?.close()
      this.#host.monitor.setSignaling('closed')
    }
  }

  close(): void {
    this.#offStatus?.()
    this.adapter.disconnect()
    if (this.#ownsSignaling) (this.signaling as SignalingClient).close()
  }

  #onVerified(peer: VerifiedPeer): boolean {
    const me = this.#host.identity()
    // Tabs of this same device sync over BroadcastChannel; a second path to them would confuse the Repo.
    if (me && peer.deviceKey === me.deviceKey) return false
    const bound = this.#verified.get(peer.peerId)
    // A peer id stays bound to the first device key that proved it.
    if (bound && bound.deviceKey !== peer.deviceKey) return false
    this.#verified.set(peer.peerId, peer)
    return true
  }

  #allowed(peerId: PeerId, documentId?: DocumentId): boolean {
    const peer = this.#verified.get(peerId)
    // Peers that did not come through a session are local transports (BroadcastChannel between
    // tabs of this device, in-process links): they are this device.
    if (!peer) return !this.adapter.connectedPeers().includes(peerId)
    if (this.#host.isRevoked(peer.deviceKey)) return this.#deny()
    if (!documentId) return true
    const me = this.#host.identity()
    if (me?.haloDocId === documentId) return peer.identityKey === me.identityKey || this.#deny()
    for (const space of this.#host.spaces()) {
      const { control, data } = space.documentIds
      if (control !== documentId && data !== documentId) continue
      // A space we are still fetching: we cannot check members before its credentials arrive.
      if (space.status === 'loading') return true
      return space.members.some((m) => m.identityKey === peer.identityKey) || this.#deny()
    }
    return this.#deny()
  }

  #deny(): false {
    this.denied++
    return false
  }
}
