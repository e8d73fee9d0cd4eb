import type { DocumentId } from '@automerge/automerge-repo'
import type { IdentityRecord, Member } from '../identity/index.ts'
import type { InboundMessage, VerifiedPeer } from './NetworkPort.ts'

/** Which of a space's two documents a message is about. */
export type SpaceDocument = 'control' | 'data'

/** What access control and topics need to know of a space. */
export interface SharedSpace {
  /** Swarm secret: the space's topic derives from it. */
  readonly secret: string
  readonly documentIds: { control: DocumentId; data: DocumentId }
  readonly space: { readonly status: 'loading' | 'ready' | 'closed'; readonly members: readonly Member[] }
  /**
   * Members by the credential chain verified so far from the genesis the space id commits
   * to, also while the space is still loading (empty while no chain is known).
   */
  verifiedMembers?(): readonly Member[]
  /** May this member's message about one of the space's documents be applied? (see InboundGate) */
  inbound?(identityKey: string, document: SpaceDocument, message: InboundMessage): boolean | Promise<boolean>
  /** Counts a message about this space refused before the space was asked (an outsider's, a revoked peer's). */
  refused?(): void
}

/** What the policy reads to decide. */
export interface AccessContext {
  identity(): IdentityRecord | undefined
  spaces(): Iterable<SharedSpace>
  /** True when the device was revoked by its own identity (see Revocations). */
  isRevoked(deviceKey: string, identityKey: string): boolean
  /** A verified device credential showed which identity this device belongs to. */
  learnDevice?(deviceKey: string, identityKey: string): void
  /** True for peers that arrived through the peer transport (so they must have a session). */
  isRemote(peerId: string): boolean
}

/**
 * Who may receive which document. A peer id is bound to the device key that proved it in the
 * session handshake; a verified peer gets a space's documents only while its identity is a
 * member (by the verified chain, also while loading), and the HALO document only if it is
 * this identity. A device revoked by its own identity is refused. Peers that did not come through
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
    this.#context.learnDevice?.(peer.deviceKey, peer.identityKey)
    if (this.#context.isRevoked(peer.deviceKey, peer.identityKey)) return this.#deny()
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
      if (this.#context.isRevoked(peer.deviceKey, peer.identityKey)) {
        this.#verified.delete(peerId)
        out.push(peerId)
      }
    }
    return out
  }

  /** The verified peer behind `peerId`, if it proved itself in a session. */
  peer(peerId: string): VerifiedPeer | undefined {
    return this.#verified.get(peerId)
  }

  /** May `peerId` see (or be told of) `documentId`? */
  allows(peerId: string, documentId?: DocumentId): boolean {
    const peer = this.#verified.get(peerId)
    if (!peer) return !this.#context.isRemote(peerId)
    if (this.#context.isRevoked(peer.deviceKey, peer.identityKey)) return this.#deny()
    if (!documentId) return true
    const me = this.#context.identity()
    if (me?.haloDocId === documentId) return peer.identityKey === me.identityKey || this.#deny()
    for (const shared of this.#context.spaces()) {
      const { documentIds, space } = shared
      if (documentIds.control !== documentId && documentIds.data !== documentId) continue
      const members = space.members.length ? space.members : (shared.verifiedMembers?.() ?? [])
      // A copy still fetching with no verified chain yet holds nothing to leak (its gate lets
      // in only a chain from the genesis, and data only from that chain's members): it may ask.
      if (!members.length && space.status === 'loading') return true
      return members.some((m) => m.identityKey === peer.identityKey) || this.#deny()
    }
    return this.#deny()
  }

  #deny(): false {
    this.#denied++
    return false
  }
}
