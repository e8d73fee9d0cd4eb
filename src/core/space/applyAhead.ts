import * as A from '@automerge/automerge'
import type { DocHandle } from '@automerge/automerge-repo'
import type { SyncChange } from './SpaceGate.ts'

/**
 * At most this many changes are applied ahead from one message. A peer's live writes come one
 * or a few per message; larger ones (catching up after a partition, a new copy) are left to
 * the sync round, where being first by a millisecond does not matter.
 */
const MAX_AHEAD = 32

/**
 * Applies the changes of a sync message the space's gate has just admitted to the document
 * now, before automerge-repo handles that same message.
 *
 * Why: automerge-repo's DocSynchronizer, inside the `handle.update` that applies a sync message,
 * first saves the sync state and generates and sends its reply, and only then lets the handle
 * emit `change`; so every remote write became visible only after the reply was encoded,
 * encrypted and sent. Applied here, the write reaches the read model first; the Repo's round
 * then finds the changes present (Automerge skips changes it has), updates the sync state and
 * replies as before, so the sync protocol and the bytes on the wire are unchanged.
 *
 * A whole-document chunk sent to an empty copy is loaded with `A.load` (see loadAhead).
 *
 * Access: only what the gate admitted reaches this (the very message the Repo then receives:
 * same sender, same checks, same counting), including a message that waited for the chain and
 * was then admitted; nothing is applied for a refused one. It applies only changes whose
 * dependencies the document already has or that come earlier in the message, so nothing lands
 * in Automerge's queue of changes waiting for their dependencies, and the order in which
 * admitted messages arrive does not matter.
 *
 * @returns how many changes were applied (0 when the message was left to the sync round)
 * @example gate context: admittedChanges: (changes) => applyAhead(dataHandle, changes)
 */
export function applyAhead<T>(handle: DocHandle<T>, changes: readonly SyncChange[]): number {
  if (changes.length === 1 && !changes[0]!.decoded) return loadAhead(handle, changes[0]!.bytes)
  if (!changes.length || changes.length > MAX_AHEAD || !handle.isReady()) return 0
  const doc = handle.doc()
  const fresh: Uint8Array[] = []
  // A live write depends on the heads we hold: those are checked in a set. `A.hasHeads` of a
  // hash the document has rebuilds that change (~40 us in Node, several times that in a
  // browser), so it is asked only about other dependencies (and about absent hashes: cheap).
  const present = new Set(A.getHeads(doc))
  const inMessage = new Set<string>()
  for (const change of changes) {
    const decoded = change.decoded
    if (!decoded) return 0 // a document chunk: the sync round loads it
    if (present.has(decoded.hash) || A.hasHeads(doc, [decoded.hash])) continue
    for (const dep of decoded.deps) if (!inMessage.has(dep) && !present.has(dep) && !A.hasHeads(doc, [dep])) return 0
    inMessage.add(decoded.hash)
    fresh.push(change.bytes)
  }
  if (!fresh.length) return 0
  let failed = false
  handle.update((current) => {
    try {
      return A.applyChanges(current, fresh)[0]
    } catch {
      // Left to the sync round: the Repo applies this same message next and reports its error.
      failed = true
      return current
    }
  })
  return failed ? 0 : fresh.length
}

/**
 * A copy that has nothing yet (a new peer) is sent the whole document as one compressed chunk.
 * automerge-repo applies it with `A.receiveSyncMessage`, which loads it change by change
 * (measured 1.7-3.4 s for 10,000 objects under load); `A.load` of the same bytes takes
 * 0.35-0.45 s. So an empty document takes the admitted chunk by `A.load` here; the Repo's round
 * then finds every change present (~15 ms) and replies as usual. A document that has anything
 * (heads), or is still loading from storage, is left to the sync round.
 */
function loadAhead<T>(handle: DocHandle<T>, chunk: Uint8Array): number {
  // The states in which the Repo applies sync messages; not 'loading' (storage may hold changes).
  if (!handle.inState(['ready', 'requesting', 'unavailable'])) return 0
  let loaded = 0
  handle.update((current) => {
    if (A.getHeads(current).length) return current
    try {
      const next = A.load<T>(chunk)
      loaded = 1
      return next
    } catch {
      // Left to the sync round: the Repo applies this same message next and reports its error.
      return current
    }
  })
  return loaded
}
