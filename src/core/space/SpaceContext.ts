import type { DocHandle, DocumentId, Repo } from '@automerge/automerge-repo'
import type { DataDoc } from '../data/index.ts'
import type { Credential, IdentityRecord, Member, Revocations, Role } from '../identity/index.ts'
import type { InboundMessage, Signaling, SpaceDocument } from '../network/index.ts'
import type { PresenceSender } from './Presence.ts'
import type { Space } from './Space.ts'
import type { StoredChunks } from './StoredChunks.ts'
import type { WarmSnapshot } from './WarmStart.ts'

// What a space is made from and what its owner (the client) holds of it: the persisted record,
// the context the client gives it, and the owner-only control handle.

/** The control document of a space: signed credentials, keyed by credential id. */
export interface ControlDoc {
  spaceId?: unknown
  credentials: Record<string, unknown>
}

/** Persisted facts about a space this client has (kept in the client's local record). */
export interface SpaceRecord {
  id: string
  controlDocId: string
  dataDocId: string
  secret: string
  personal?: boolean
}

/** What a space is given by the client that mounts it. */
export interface SpaceContext {
  repo: Repo
  signaling(): Signaling
  identity(): IdentityRecord | undefined
  /** The client's revocation set: verified device revocations found here are added to it. */
  revocations: Revocations
  /** Removes the space from the client (for `space.leave()`). */
  leave(space: Space): Promise<void>
  /** Who sent a message the Repo delivered: a session's proven device, or 'local' (see Presence). */
  sender?(peerId: string): PresenceSender
  /** The client's storage, for a large space's saved read model (see WarmStart); none: not saved. */
  storage?: StoredChunks
  /** A background task failed (counted in `client.stats()`). */
  failed?(error: unknown): void
}

/**
 * The owner's handle on a space: the public {@link Space} and what only the client may do with
 * it (attach its documents, add a pre-signed credential, commit, close) or know about it (swarm
 * secret, document ids).
 */
export interface SpaceControl {
  readonly space: Space
  /** Swarm secret (hex) from which network topics are derived. */
  readonly secret: string
  /** Automerge document ids of this space. */
  readonly documentIds: { control: DocumentId; data: DocumentId }
  attach(control: DocHandle<ControlDoc>, data: DocHandle<DataDoc>): void
  /** The saved read model of the stored data document, when there is one and it matches. */
  loadWarm(): Promise<WarmSnapshot | undefined>
  /** Opens from the control document and a saved read model before the data document loads. */
  warm(control: DocHandle<ControlDoc>, snapshot: WarmSnapshot): void
  /** Resolves once the data document is bound and writes made while warm are committed. */
  whenBound(): Promise<void>
  /** Saves the read model for the next start (large spaces only); waits for a save in flight. */
  saveWarm(): Promise<void>
  /** Deletes the saved read model (the space is being left). */
  removeWarm(): Promise<void>
  addCredential(credential: Credential): void
  /** Heads of the credential DAG, for a credential signed outside the space (`parents`). */
  credentialHeads(): string[]
  /** Members by the chain verified so far, also while loading (empty while none is known). */
  verifiedMembers(): readonly Member[]
  /** May this member's message about the space's control or data document be applied? (see SpaceGate) */
  inbound(identityKey: string, document: SpaceDocument, message: InboundMessage): boolean | Promise<boolean>
  /** Counts a message about this space the network refused before asking the space. */
  refused(): void
  /** Commits pending object writes now. */
  commit(): void
  close(): void
}

/** A space's lifecycle. */
export type SpaceStatus = 'loading' | 'ready' | 'closed'

/** What a render shows of a space; a new object exactly when one of these changes. */
export interface SpaceSnapshot {
  readonly id: string
  readonly name: string
  readonly status: SpaceStatus
  readonly members: readonly Member[]
  /** This identity's role, or undefined while it is not (yet known to be) a member. */
  readonly role: Role | undefined
}
