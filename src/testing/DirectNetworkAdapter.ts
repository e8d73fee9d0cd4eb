import { NetworkAdapter, type Message, type PeerId, type PeerMetadata } from '@automerge/automerge-repo'

/**
 * One end of an in-process link between two Repos: messages are handed over by reference on the
 * next macrotask. Works in Node, browsers and jsdom alike (a MessageChannel under jsdom delivers
 * Uint8Arrays of another realm, which Automerge refuses). Make both ends with {@link pair}.
 *
 * @example
 * const [a, b] = DirectNetworkAdapter.pair()
 * clientA.addNetworkAdapter(a); clientB.addNetworkAdapter(b)
 */
export class DirectNetworkAdapter extends NetworkAdapter {
  /** The other end of the link. */
  other: DirectNetworkAdapter | undefined
  /** True between connect() and disconnect(). */
  connectedFlag = false

  /** Two connected ends. */
  static pair(): [DirectNetworkAdapter, DirectNetworkAdapter] {
    const a = new DirectNetworkAdapter()
    const b = new DirectNetworkAdapter()
    a.other = b
    b.other = a
    return [a, b]
  }

  isReady(): boolean {
    return true
  }

  whenReady(): Promise<void> {
    return Promise.resolve()
  }

  connect(peerId: PeerId, peerMetadata?: PeerMetadata): void {
    this.peerId = peerId
    this.peerMetadata = peerMetadata ?? {}
    this.connectedFlag = true
    const other = this.other
    if (other?.connectedFlag && other.peerId) {
      this.emit('peer-candidate', { peerId: other.peerId, peerMetadata: other.peerMetadata ?? {} })
      other.emit('peer-candidate', { peerId, peerMetadata: this.peerMetadata })
    }
  }

  send(message: Message): void {
    const other = this.other
    if (!this.connectedFlag || !other?.connectedFlag) return
    setTimeout(() => other.connectedFlag && other.emit('message', message), 0)
  }

  disconnect(): void {
    if (!this.connectedFlag) return
    this.connectedFlag = false
    const other = this.other
    if (other?.connectedFlag && this.peerId) {
      other.emit('peer-disconnected', { peerId: this.peerId })
      if (other.peerId) this.emit('peer-disconnected', { peerId: other.peerId })
    }
  }
}
