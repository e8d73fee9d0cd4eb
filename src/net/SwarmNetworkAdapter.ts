import { NetworkAdapter, type Message, type NetworkAdapterInterface, type PeerId, type PeerMetadata } from '@automerge/automerge-repo'

/**
 * One automerge-repo network adapter over many topics (one per space, one for the identity's
 * devices). Each topic gets its own child adapter (e.g. a WebRTC adapter for that topic); a
 * remote peer met on several topics is announced to the Repo once, messages to it go through
 * any child that reaches it, and it is reported gone only when no child reaches it any more.
 *
 * @example
 * const swarm = new SwarmNetworkAdapter((topic) => new WebRTCNetworkAdapter({ signaling, topic }))
 * repo.networkSubsystem.addNetworkAdapter(swarm)
 * swarm.join(spaceTopic)
 */
export class SwarmNetworkAdapter extends NetworkAdapter {
  readonly #make: (topic: string) => NetworkAdapterInterface
  readonly #children = new Map<string, { adapter: NetworkAdapterInterface; off: () => void }>()
  readonly #routes = new Map<PeerId, Set<NetworkAdapterInterface>>()
  #connected = false

  constructor(make: (topic: string) => NetworkAdapterInterface) {
    super()
    this.#make = make
  }

  /** Topics joined right now. */
  get topics(): string[] {
    return [...this.#children.keys()]
  }

  /** The child adapter of a topic. */
  child(topic: string): NetworkAdapterInterface | undefined {
    return this.#children.get(topic)?.adapter
  }

  /** Peers reachable through at least one topic. */
  connectedPeers(): PeerId[] {
    return [...this.#routes.keys()]
  }

  isReady(): boolean {
    return true
  }

  whenReady(): Promise<void> {
    return Promise.resolve()
  }

  connect(peerId: PeerId, peerMetadata?: PeerMetadata): void {
    this.peerId = peerId
    this.peerMetadata = peerMetadata ?? this.peerMetadata ?? {}
    if (this.#connected) return
    this.#connected = true
    for (const { adapter } of this.#children.values()) adapter.connect(peerId, this.peerMetadata)
  }

  /** Starts meeting peers on `topic`. */
  join(topic: string): void {
    if (this.#children.has(topic)) return
    const adapter = this.#make(topic)
    const onCandidate = ({ peerId, peerMetadata }: { peerId: PeerId; peerMetadata: PeerMetadata }) => {
      let via = this.#routes.get(peerId)
      const isNew = !via
      if (!via) this.#routes.set(peerId, (via = new Set()))
      via.add(adapter)
      if (isNew) this.emit('peer-candidate', { peerId, peerMetadata })
    }
    const onGone = ({ peerId }: { peerId: PeerId }) => this.#drop(peerId, adapter)
    const onMessage = (message: Message) => this.emit('message', message)
    adapter.on('peer-candidate', onCandidate)
    adapter.on('peer-disconnected', onGone)
    adapter.on('message', onMessage)
    this.#children.set(topic, {
      adapter,
      off: () => {
        adapter.off('peer-candidate', onCandidate)
        adapter.off('peer-disconnected', onGone)
        adapter.off('message', onMessage)
      },
    })
    if (this.#connected && this.peerId) adapter.connect(this.peerId, this.peerMetadata)
  }

  /** Stops meeting peers on `topic` (peers still reachable through other topics stay). */
  leave(topic: string): void {
    const child = this.#children.get(topic)
    if (!child) return
    this.#children.delete(topic)
    child.adapter.disconnect()
    child.off()
    for (const peerId of [...this.#routes.keys()]) this.#drop(peerId, child.adapter)
  }

  send(message: Message): void {
    const via = this.#routes.get(message.targetId)
    if (!via) return
    for (const adapter of via) {
      adapter.send(message)
      return
    }
  }

  disconnect(): void {
    if (!this.#connected) return
    this.#connected = false
    for (const { adapter } of this.#children.values()) adapter.disconnect()
    for (const peerId of [...this.#routes.keys()]) {
      this.#routes.delete(peerId)
      this.emit('peer-disconnected', { peerId })
    }
  }

  #drop(peerId: PeerId, adapter: NetworkAdapterInterface): void {
    const via = this.#routes.get(peerId)
    if (!via || !via.delete(adapter) || via.size) return
    this.#routes.delete(peerId)
    this.emit('peer-disconnected', { peerId })
  }
}
