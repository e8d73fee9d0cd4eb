import type { PeerId, Repo } from '@automerge/automerge-repo'
import { EchoError, fromHex } from '../shared/index.ts'
import type { IdentityRecord } from '../identity/index.ts'
import { AccessPolicy, type SharedSpace } from './AccessPolicy.ts'
import { InboundGate } from './InboundGate.ts'
import type { IceServer, NetworkPort, PeerTransport, SignalingConnection } from './NetworkPort.ts'
import { registerNetworkDiagnostics } from './networkDiagnostics.ts'
import { RefusalLog } from './RefusalLog.ts'
import { networkMonitor, type NetworkMonitor, type NetworkMonitorControl } from './NetworkStatus.ts'
import type { Signaling } from './Signaling.ts'
import { haloTopic, spaceTopic } from './topics.ts'

/** How many proven peer ids a client remembers (see {@link ClientNetwork.sender}). */
const MAX_PROVEN = 10_000

/** What a client's network is made from. */
export interface ClientNetworkOptions {
  repo: Repo
  /** The transport implementation; without one the client has no network. */
  port: NetworkPort | undefined
  /** Signaling server URL(s), an app-given channel, or false/undefined for none. */
  signaling: string | string[] | false | Signaling | undefined
  /** False: signaling carries invitations only; spaces sync over other adapters. */
  webrtc: boolean
  iceServers?: IceServer[]
  bindAddress?: string
  identity(): IdentityRecord | undefined
  spaces(): Iterable<SharedSpace>
  /** True when the device was revoked by its own identity (given, or the one it proved itself for). */
  isRevoked(deviceKey: string, identityKey?: string): boolean
  /** A verified device credential showed which identity this device belongs to. */
  learnDevice?(deviceKey: string, identityKey: string): void
}

/**
 * The client's side of the network, in engine terms: one signaling channel (for invitations
 * and for finding peers), one peer transport that joins a topic per space plus one for the
 * identity's devices, access control on what the Repo shares, online/offline, and the live
 * {@link NetworkMonitor}. The transport itself comes from the {@link NetworkPort}.
 *
 * @example
 * const network = new ClientNetwork({ repo, port, signaling: url, webrtc: true, identity, spaces, isRevoked })
 * network.update() // after spaces or identity change
 */
export class ClientNetwork {
  readonly #status: NetworkMonitorControl
  readonly #options: ClientNetworkOptions
  readonly #policy: AccessPolicy
  readonly #gate: InboundGate
  #signaling: Signaling | undefined
  #owned: SignalingConnection | undefined
  #transport: PeerTransport | undefined
  #topics = new Set<string>()
  #online = true
  /** Peers proven in a session, kept after they leave: a message delivered late is still theirs. */
  readonly #proven = new Map<string, { identityKey: string; deviceKey: string }>()
  #cleanup: (() => void)[] = []

  constructor(options: ClientNetworkOptions) {
    this.#options = options
    const given = options.signaling
    this.#status = networkMonitor(options.repo, given ? 'connecting' : 'disabled')
    this.#policy = new AccessPolicy({
      identity: options.identity,
      spaces: options.spaces,
      isRevoked: options.isRevoked,
      learnDevice: options.learnDevice,
      isRemote: (peerId) => this.#transport?.carries(peerId) ?? false,
    })
    const log = new RefusalLog()
    this.#gate = new InboundGate({ policy: this.#policy, identity: options.identity, spaces: options.spaces, log })
    // Read-only views for devtools (see networkDiagnostics).
    registerNetworkDiagnostics(options.repo, {
      identityOf: (peerId) => {
        const peer = this.#policy.peer(peerId)
        return peer && { identityKey: peer.identityKey, deviceKey: peer.deviceKey }
      },
      refusals: () => log.list(),
    })
  }

  /** Messages from peers refused before they reached the Repo (writes they may not make). */
  get refused(): number {
    return this.#gate.refused
  }

  /**
   * Who sent a message the Repo delivered: the device a session proved (also after it left),
   * 'local' for a local link (tabs of this device, in-process links: trusted as this device),
   * undefined for a transport peer that never proved itself.
   */
  sender(peerId: string): { identityKey: string; deviceKey: string } | 'local' | undefined {
    const proven = this.#proven.get(peerId)
    if (proven) return proven
    return this.#transport?.carries(peerId) ? undefined : 'local'
  }

  /** Starts the peer transport when the options ask for one (signaling given, webrtc not off). */
  start(): void {
    if (this.#transport || !this.#options.signaling || !this.#options.webrtc) return
    this.#startTransport()
  }

  /** Live network status (`subscribe` + `getSnapshot`). */
  get status(): NetworkMonitor {
    return this.#status.monitor
  }

  /** Requests refused by access control so far. */
  get denied(): number {
    return this.#policy.denied
  }

  /**
   * The signaling channel (opened on first use). Throws `NETWORK_FAILED` when the client was
   * created without signaling.
   */
  signaling(): Signaling {
    if (this.#signaling) return this.#signaling
    const given = this.#options.signaling
    if (given && typeof given === 'object' && !Array.isArray(given)) {
      // A Signaling object given by the app is up whenever we are.
      this.#status.setSignaling(this.#online ? 'open' : 'closed')
      return (this.#signaling = given)
    }
    if (!given) throw new EchoError('NETWORK_FAILED', 'networking is off: create the client with a signaling URL')
    if (!this.#options.port) throw new EchoError('NETWORK_FAILED', 'this build of the engine has no network: import createClient from echo-kit or echo-kit/core')
    const connection = this.#options.port.openSignaling(given)
    this.#owned = connection
    const report = () => this.#status.setSignaling(connection.status)
    this.#cleanup.push(connection.subscribe(report))
    report()
    return (this.#signaling = connection)
  }

  /** Joins the topics of the current spaces (and HALO), leaves the others, cuts revoked peers. */
  update(): void {
    const transport = this.#transport
    if (!transport) return
    const wanted = new Set<string>()
    const identity = this.#options.identity()
    // No identity, no sessions: nothing to join yet.
    if (identity) {
      for (const shared of this.#options.spaces()) if (shared.space.status !== 'closed') wanted.add(spaceTopic(shared.secret))
      if (identity.haloDocId) wanted.add(haloTopic(identity.haloDocId))
    }
    for (const t of this.#topics) if (!wanted.has(t)) transport.leave(t)
    for (const t of wanted) if (!this.#topics.has(t)) transport.join(t)
    this.#topics = wanted
    // A revoked device is cut off now, not at its next reconnect.
    for (const peerId of this.#policy.takeRevoked()) transport.refuse(peerId)
    this.#options.repo.shareConfigChanged()
  }

  /** Takes the network down (false) or brings it back (true); local writes go on meanwhile. */
  setOnline(online: boolean): void {
    if (online === this.#online) return
    this.#online = online
    if (online) {
      this.#owned?.connect()
      // A Signaling object given by the app is always up; only our own connection reports its state.
      if (!this.#owned && this.#signaling) this.#status.setSignaling('open')
      this.#transport?.setOnline(true)
    } else {
      this.#transport?.setOnline(false)
      this.#owned?.close()
      if (this.#signaling) this.#status.setSignaling('closed')
    }
  }

  /** Closes the transport, the signaling connection this client opened, and every listener. */
  close(): void {
    for (const fn of this.#cleanup.splice(0)) fn()
    this.#transport?.close()
    this.#owned?.close()
    this.#status.close()
  }

  #startTransport(): void {
    const port = this.#options.port
    if (!port) return
    const { repo, identity } = this.#options
    this.#transport = port.openTransport({
      signaling: this.signaling(),
      iceServers: this.#options.iceServers,
      bindAddress: this.#options.bindAddress,
      device: () => {
        const me = identity()
        return me && { identityKey: me.identityKey, deviceKey: me.deviceKey, deviceSecretKey: fromHex(me.deviceSecretKey)!, deviceCredential: me.deviceCredential }
      },
      isRevoked: (deviceKey) => this.#options.isRevoked(deviceKey),
      onVerified: (peer) => {
        if (!this.#policy.bind(peer)) return false
        // Bounded: the oldest proofs go first (peer ids are per run of a client).
        if (this.#proven.size >= MAX_PROVEN) this.#proven.delete(this.#proven.keys().next().value!)
        this.#proven.set(peer.peerId, { identityKey: peer.identityKey, deviceKey: peer.deviceKey })
        return true
      },
      inbound: (peerId, message) => this.#gate.check(peerId, message),
    })
    repo.shareConfig = {
      announce: async (peerId, documentId) => this.#policy.allows(peerId, documentId),
      access: async (peerId, documentId) => this.#policy.allows(peerId, documentId),
    }
    const onGone = ({ peerId }: { peerId: PeerId }) => this.#policy.forget(peerId)
    repo.networkSubsystem.on('peer-disconnected', onGone)
    this.#cleanup.push(() => repo.networkSubsystem.off('peer-disconnected', onGone))
    repo.networkSubsystem.addNetworkAdapter(this.#transport.adapter)
    // Browsers: follow the window's online/offline events while the client is open.
    const target = globalThis as { addEventListener?: (e: string, l: () => void) => void; removeEventListener?: (e: string, l: () => void) => void }
    if (typeof window !== 'undefined' && typeof target.addEventListener === 'function') {
      const offline = () => this.setOnline(false)
      const online = () => this.setOnline(true)
      target.addEventListener('offline', offline)
      target.addEventListener('online', online)
      this.#cleanup.push(() => {
        target.removeEventListener?.('offline', offline)
        target.removeEventListener?.('online', online)
      })
    }
    this.update()
  }
}
