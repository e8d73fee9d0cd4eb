import type { DocHandle } from '@automerge/automerge-repo'
import type { DataDoc } from './DataDoc.ts'

/** One pending write, replayed on the Automerge document inside the task's change. */
export type WriteOp = (doc: DataDoc) => void

/** Per object id, the top-level keys written (null: the whole object). */
export type PendingKeys = Map<string, Set<string> | null>

/**
 * Local writes waiting for their Automerge change. Writes already show in the read model; here
 * they wait until the end of the current task, when they are committed together as ONE change
 * (one change per burst is what keeps a burst of writes cheap: Automerge's cost is per change).
 */
export class WriteQueue {
  #ops: WriteOp[] = []
  #keys: PendingKeys = new Map()
  #scheduled = false
  #committing = false
  #dropped = 0
  readonly #onTaskEnd: () => void

  /** `onTaskEnd` runs in a microtask after the first write of a task; it should commit. */
  constructor(onTaskEnd: () => void) {
    this.#onTaskEnd = onTaskEnd
  }

  /** True while our own change is being applied (its change event is not a remote change). */
  get committing(): boolean {
    return this.#committing
  }

  /** Writes dropped at commit because their target had vanished (a remote delete won the race). */
  get dropped(): number {
    return this.#dropped
  }

  /** True while writes wait for their commit. */
  get hasPending(): boolean {
    return this.#ops.length > 0
  }

  /** Keys of `id` with writes pending (null: the whole object; undefined: none). */
  pendingKeys(id: string): ReadonlySet<string> | null | undefined {
    return this.#keys.get(id)
  }

  /** Queues a write to `key` of object `id` (null: the whole object) and schedules the commit. */
  enqueue(id: string, key: string | null, op: WriteOp): void {
    this.#ops.push(op)
    const keys = this.#keys.get(id)
    if (key === null) this.#keys.set(id, null)
    else if (keys === undefined) this.#keys.set(id, new Set([key]))
    else if (keys !== null) keys.add(key)
    if (!this.#scheduled) {
      this.#scheduled = true
      queueMicrotask(this.#onTaskEnd)
    }
  }

  /** Called when a commit starts, so writes made from here on schedule a commit of their own. */
  clearSchedule(): void {
    this.#scheduled = false
  }

  /**
   * Applies every pending write to `handle` as one Automerge change. Returns the objects it
   * touched (to re-read from the document), or undefined when there was nothing to commit or
   * a commit is already running.
   */
  commitTo(handle: DocHandle<DataDoc>): PendingKeys | undefined {
    if (!this.#ops.length || this.#committing) return undefined
    const ops = this.#ops
    const touched = this.#keys
    this.#ops = []
    this.#keys = new Map()
    this.#committing = true
    try {
      handle.change((d) => {
        for (const op of ops) {
          try {
            op(d)
          } catch {
            // The target vanished (a remote delete won the race): the write is dropped, and
            // counted so it shows in db.stats().droppedOps instead of vanishing silently.
            this.#dropped++
          }
        }
      })
    } finally {
      this.#committing = false
    }
    return touched
  }
}
