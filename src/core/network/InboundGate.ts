import type { DocumentId } from '@automerge/automerge-repo'
import type { AccessPolicy, SharedSpace, SpaceDocument } from './AccessPolicy.ts'
import type { IdentityRecord } from '../identity/index.ts'
import type { InboundMessage } from './NetworkPort.ts'
import type { RefusalLog, RefusalReason } from './RefusalLog.ts'

export type { SpaceDocument }

/** What the gate reads to decide. */
export interface InboundContext {
  policy: AccessPolicy
  identity(): IdentityRecord | undefined
  spaces(): Iterable<SharedSpace>
  /** Where refusals are recorded with their reason (for devtools); optional. */
  log?: RefusalLog
}

/**
 * Where remote writes are refused. automerge-repo applies whatever sync message reaches it
 * (its `shareConfig` only decides what we send), so the transport asks this gate about every
 * message of a session before the Repo sees it: messages of unverified or revoked peers,
 * about the HALO from another identity, or about a space's documents that the space refuses
 * (a reader's data changes, control changes that are not new valid credentials, anything from
 * non-members) are dropped and counted; they are never applied.
 *
 * @example transport = port.openTransport({ ..., inbound: (peerId, m) => gate.check(peerId, m) })
 */
export class InboundGate {
  readonly #context: InboundContext
  #refused = 0

  constructor(context: InboundContext) {
    this.#context = context
  }

  /** Messages refused so far (for `client.stats().refusedMessages`). */
  get refused(): number {
    return this.#refused
  }

  /** The verdict on one message from `peerId` (see {@link InboundFilter}). */
  check(peerId: string, message: InboundMessage): boolean | Promise<boolean> {
    const peer = this.#context.policy.peer(peerId)
    if (!peer || message.senderId !== peerId) return this.#refuse('unverified-sender', peerId, message)
    if (!message.documentId) return true
    const [shared, document] = this.#spaceOf(message.documentId)
    // Revoked peers and documents they may not see: the same rules as for what we send.
    if (!this.#context.policy.allows(peerId, message.documentId as DocumentId)) {
      shared?.refused?.()
      return this.#refuse('not-shared', peerId, message)
    }
    if (shared?.inbound && document) {
      const verdict = shared.inbound(peer.identityKey, document, message)
      if (verdict === true) return true
      if (verdict === false) return this.#refuse('refused-by-space', peerId, message)
      return verdict.then((ok) => ok || this.#refuse('refused-by-space', peerId, message))
    }
    return true
  }

  #spaceOf(documentId: string): [SharedSpace, SpaceDocument] | [] {
    for (const shared of this.#context.spaces()) {
      const { control, data } = shared.documentIds
      if (documentId === control) return [shared, 'control']
      if (documentId === data) return [shared, 'data']
    }
    return []
  }

  #refuse(reason: RefusalReason, peerId: string, message: InboundMessage): false {
    this.#refused++
    this.#context.log?.add({ at: Date.now(), peerId, reason, type: message.type, documentId: message.documentId })
    return false
  }
}
