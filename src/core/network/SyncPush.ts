import * as A from '@automerge/automerge'
import type { DocumentId, PeerId, Repo } from '@automerge/automerge-repo'

const pushers = new WeakMap<Repo, SyncPush>()

/**
 * Sends a local change to connected peers at once. automerge-repo 2.5 sends a document's
 * changes at most every 100 ms (`DocSynchronizer.syncDebounceRate`, fixed when the synchronizer
 * is built; no Repo option changes it), so back-to-back writes such as typing waited up to
 * 100 ms. This generates the same Automerge sync message the synchronizer would, from its
 * latest sync state with that peer, and sends it now; the throttled round that follows finds
 * the peer already has the change (its reply updated the sync state) and the sync protocol
 * stays the backstop for anything lost.
 *
 * Right after a push, the throttled round would send the very same bytes again (its sync state
 * does not know what we sent); an identical sync message to the same peer for the same
 * document, while no reply has come back, is dropped instead (`duplicatesDropped`).
 *
 * Access: it adds no new kind of message and no new path. It sends an ordinary `sync` message
 * through `repo.networkSubsystem` (the adapter path every sync message takes) and only to peers
 * the document's synchronizer already syncs with and that have the document, i.e. peers the
 * Repo's `shareConfig` (our {@link AccessPolicy}) admitted. The receiver handles it exactly as
 * any sync message: its Repo checks `shareConfig.access`, and any inbound check on sync
 * messages (write permissions, sender bound to the session) covers it too.
 *
 * @example SyncPush.of(repo).push(handle.documentId) // right after a local handle.change()
 */
export class SyncPush {
  readonly #repo: Repo
  /** Latest sync state per document and peer, as the synchronizer last set it (or we did). */
  readonly #states = new Map<string, A.SyncState>()
  /** The last message pushed per document and peer, until the peer answers or it is sent again. */
  readonly #lastPushed = new Map<string, Uint8Array>()
  #pushed = 0
  #duplicates = 0

  /** The pusher of a Repo (one per Repo, made on first use). */
  static of(repo: Repo): SyncPush {
    let pusher = pushers.get(repo)
    if (!pusher) pushers.set(repo, (pusher = new SyncPush(repo)))
    return pusher
  }

  private constructor(repo: Repo) {
    this.#repo = repo
    repo.synchronizer.on('sync-state', ({ peerId, documentId, syncState }) => {
      this.#states.set(key(documentId, peerId), syncState)
    })
    repo.networkSubsystem.on('peer-disconnected', ({ peerId }) => {
      for (const map of [this.#states, this.#lastPushed]) for (const k of map.keys()) if (k.endsWith(`\u0000${peerId}`)) map.delete(k)
    })
    // Any message from the peer about the document ends the window for dropping a duplicate.
    repo.networkSubsystem.on('message', (m) => {
      if ('documentId' in m && m.documentId) this.#lastPushed.delete(key(m.documentId, m.senderId))
    })
    // The one hook on the send path: the Repo's own sync messages pass through unchanged,
    // except an exact repeat of what was just pushed (see the class comment).
    const network = repo.networkSubsystem
    const send = network.send.bind(network)
    network.send = (message) => {
      if (message.type === 'sync' && message.documentId) {
        const k = key(message.documentId, message.targetId)
        const last = this.#lastPushed.get(k)
        if (last) {
          this.#lastPushed.delete(k)
          if (sameBytes(last, message.data)) {
            this.#duplicates++
            return
          }
        }
      }
      send(message)
    }
  }

  /** Throttled sync messages dropped because they repeated a push byte for byte. */
  get duplicatesDropped(): number {
    return this.#duplicates
  }

  /** Sync messages sent ahead of the throttle so far. */
  get pushed(): number {
    return this.#pushed
  }

  /** Sends what peers lack of `documentId` now (call right after a local change). */
  push(documentId: DocumentId): void {
    const sync = this.#repo.synchronizer.docSynchronizers[documentId]
    const handle = this.#repo.handles[documentId]
    if (!sync || !handle?.isReady()) return
    const statuses = sync.peerStates
    let doc: A.Doc<unknown> | undefined
    for (const peerId of this.#repo.peers) {
      // Only peers the synchronizer already syncs this document with (shareConfig admitted
      // them) and that have it; anyone else goes through the ordinary request flow.
      if (!sync.hasPeer(peerId) || statuses[peerId] !== 'has') continue
      const k = key(documentId, peerId)
      const state = this.#states.get(k)
      if (!state) continue
      doc ??= handle.doc()
      const [next, message] = A.generateSyncMessage(doc, state)
      this.#states.set(k, next)
      if (!message) continue
      this.#pushed++
      this.#lastPushed.delete(k)
      this.#repo.networkSubsystem.send({ type: 'sync', targetId: peerId, documentId, data: message })
      this.#lastPushed.set(k, message)
    }
  }
}

const key = (documentId: DocumentId, peerId: PeerId) => `${documentId}\u0000${peerId}`

function sameBytes(a: Uint8Array, b: Uint8Array | undefined): boolean {
  if (!b || a.byteLength !== b.byteLength) return false
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false
  return true
}
