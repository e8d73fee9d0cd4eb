import type { DocumentId } from '@automerge/automerge-repo'
import type { IdentityRecord, Member } from '../identity/index.ts'
import type { VerifiedPeer } from './NetworkPort.ts'

/** What access control and topics need to know of a space. */
export interface SharedSpace {
  /** Swarm secret: the space's topic derives from it. */
  readonly secret: string
  readonly documentIds: { control: DocumentId; data: DocumentId }
  readonly space: { readonly status: 'loading' | 'ready' | 'closed'; readonly members: readonly Member[] }
}

/** What the policy reads to decide. */
export interface AccessContext {
  identity(): IdentityRecord | undefined
  spaces(): Iterable<SharedSpace>
  isRevoked(deviceKey: string): boolean
  /** True for peers that arrived through the peer transport (so they must have a session). */
  isRemote(peerId: string): boolean
}

/**
 * Who may receive which document. A peer id is bound to the device key that proved it in the
 * session handshake; a verified peer gets a space's documents only while its identity is a
 * member, and the HALO document only if it is this identity. Peers that did not come through
 * the transport are local links (tabs of this device, in-process links): they are this device.
 *
 * @example repo.shareConfig = { announce: (p, d) => policy.allows(p, d), access: (p, d) => policy.allows(p, d) }
 */
export class AccessPolicy {
  readonly #context: AccessContext
  readonly #verified = new Map<string, VerifiedPeer>()
  #denied = 0

  constructor(context: AccessContext) {
    this.#context = context
  }

  /** Requests refused so far (for `client.stats()`). */
  get denied(): number {
    return this.#denied
  }

  /**
   * Records a peer that proved itself; false refuses it: this device's own key (its tabs sync
   * over BroadcastChannel, a second path would confuse the Repo) or a peer id already bound to
   * another device key.
   */
  bind(peer: VerifiedPeer): boolean {
    const me = this.#context.identity()
    if (me && peer.deviceKey === me.deviceKey) return false
    const bound = this.#verified.get(peer.peerId)
    if (bound && bound.deviceKey !== peer.deviceKey) return false
    this.#verified.set(peer.peerId, peer)
    return true
  }

  /** Forgets a peer that disconnected. */
  forget(peerId: string): void {
    this.#verified.delete(peerId)
  }

  /** Verified peers whose device is now revoked; they are forgotten and must be cut off. */
  takeRevoked(): string[] {
    const out: string[] = []
    for (const [peerId, peer] of this.#verified) {
      if (this.#context.isRevoked(peer.deviceKey)) {
        this.#verified.delete(peerId)
        out.push(peerId)
      }
    }
    return out
  }

  /** May `peerId` see (or be told of) `documentId`? */
  allows(peerId: string, documentId?: DocumentId): boolean {
    const peer = this.#verified.get(peerId)
    if (!peer) return !this.#context.isRemote(peerId)
    if (this.#context.isRevoked(peer.deviceKey)) return this.#deny()
    if (!documentId) return true
    const me = this.#context.identity()
    if (me?.haloDocId === documentId) return peer.identityKey === me.identityKey || this.#deny()
    for (const { documentIds, space } of this.#context.spaces()) {
      if (documentIds.control !== documentId && documentIds.data !== documentId) continue
      // A space we are still fetching: we cannot check members before its credentials arrive.
      if (space.status === 'loading') return true
      return space.members.some((m) => m.identityKey === peer.identityKey) || this.#deny()
    }
    return this.#deny()
  }

  #deny(): false {
    this.#denied++
    return false
  }
}
