import type { PeerId, Repo } from '@automerge/automerge-repo'
import { Store } from '../shared/index.ts'

/** Overall connectivity of a client. */
export type NetworkState = 'offline' | 'connecting' | 'online'

/** State of the connection to the signaling server. */
export type SignalingState = 'disabled' | 'connecting' | 'open' | 'closed'

/** Snapshot of a client's network. */
export interface NetworkSnapshot {
  status: NetworkState
  signaling: SignalingState
  /** Peers connected right now (all spaces). */
  peers: number
}

let makeMonitor: (repo: Repo, signaling: SignalingState) => NetworkMonitor
let writeSignaling: (monitor: NetworkMonitor, state: SignalingState) => void
let stopMonitor: (monitor: NetworkMonitor) => void

/**
 * Live network status of a client, derived from its Repo's peers and its signaling connection.
 * Read-only to apps; the client's network reports into it through {@link networkMonitor}.
 *
 * @example
 * client.network.subscribe(() => console.log(client.network.getSnapshot().status))
 */
export class NetworkMonitor extends Store<NetworkSnapshot> {
  #peers = new Set<string>()
  #signaling: SignalingState
  #off: () => void

  // The owner's controls reach the private members from here; see networkMonitor().
  static {
    makeMonitor = (repo, signaling) => new NetworkMonitor(repo, signaling)
    writeSignaling = (monitor, state) => monitor.#setSignaling(state)
    stopMonitor = (monitor) => monitor.#off()
  }

  private constructor(repo: Repo, signaling: SignalingState) {
    super({ status: signaling === 'disabled' ? 'offline' : 'connecting', signaling, peers: 0 })
    this.#signaling = signaling
    const onPeer = ({ peerId }: { peerId: PeerId }) => {
      this.#peers.add(peerId)
      this.#update()
    }
    const onGone = ({ peerId }: { peerId: PeerId }) => {
      this.#peers.delete(peerId)
      this.#update()
    }
    repo.networkSubsystem.on('peer', onPeer)
    repo.networkSubsystem.on('peer-disconnected', onGone)
    this.#off = () => {
      repo.networkSubsystem.off('peer', onPeer)
      repo.networkSubsystem.off('peer-disconnected', onGone)
    }
  }

  #setSignaling(state: SignalingState): void {
    this.#signaling = state
    this.#update()
  }

  #update(): void {
    const peers = this.#peers.size
    const status: NetworkState = peers > 0 || this.#signaling === 'open' ? 'online' : this.#signaling === 'connecting' ? 'connecting' : 'offline'
    this.set({ status, peers, signaling: this.#signaling })
  }
}

/** The owner's handle on a {@link NetworkMonitor}: the monitor to hand out, and its controls. */
export interface NetworkMonitorControl {
  readonly monitor: NetworkMonitor
  /** Reports the signaling connection's state. */
  setSignaling(state: SignalingState): void
  /** Stops listening to the Repo. */
  close(): void
}

/**
 * Makes a {@link NetworkMonitor} over a Repo; only the caller can report signaling state.
 *
 * @example const { monitor, setSignaling } = networkMonitor(repo, 'connecting')
 */
export function networkMonitor(repo: Repo, signaling: SignalingState): NetworkMonitorControl {
  const monitor = makeMonitor(repo, signaling)
  return { monitor, setSignaling: (state) => writeSignaling(monitor, state), close: () => stopMonitor(monitor) }
}
