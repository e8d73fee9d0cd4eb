import type { Repo } from '@automerge/automerge-repo'
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

/**
 * Live network status of a client, derived from its Repo's peers and its signaling connection.
 *
 * @example
 * client.network.subscribe(() => console.log(client.network.getSnapshot().status))
 */
export class NetworkMonitor extends Store<NetworkSnapshot> {
  #peers = new Set<string>()
  #signaling: SignalingState

  constructor(repo: Repo, signaling: SignalingState) {
    super({ status: signaling === 'disabled' ? 'offline' : 'connecting', signaling, peers: 0 })
    this.#signaling = signaling
    repo.networkSubsystem.on('peer', ({ peerId }) => {
      this.#peers.add(peerId)
      this.#update()
    })
    repo.networkSubsystem.on('peer-disconnected', ({ peerId }) => {
      this.#peers.delete(peerId)
      this.#update()
    })
  }

  /** @internal The network layer reports its signaling connection here. */
  setSignaling(state: SignalingState): void {
    this.#signaling = state
    this.#update()
  }

  #update(): void {
    const peers = this.#peers.size
    const status: NetworkState = peers > 0 || this.#signaling === 'open' ? 'online' : this.#signaling === 'connecting' ? 'connecting' : 'offline'
    this.set({ status, peers, signaling: this.#signaling })
  }
}
