/**
 * Why the inbound gate dropped a message:
 * - `unverified-sender`: the session's peer is not verified, or the message claims another sender;
 * - `not-shared`: the peer may not have that document (not a member, revoked, another identity's HALO);
 * - `refused-by-space`: the space refused it (a reader's data change, a control change that is not
 *   a new valid credential, a non-member).
 */
export type RefusalReason = 'unverified-sender' | 'not-shared' | 'refused-by-space'

/** One message a peer sent that was dropped before the Repo saw it. */
export interface RefusedMessage {
  /** When (ms since epoch). */
  readonly at: number
  readonly peerId: string
  readonly reason: RefusalReason
  /** automerge-repo message type ('sync', 'request', ...). */
  readonly type: string
  readonly documentId: string | undefined
}

/** How many refusals are kept (a peer can send many; the newest matter). */
const CAPACITY = 50

/**
 * The most recent refused messages, newest last, for diagnostics. The counter of all refusals
 * stays `client.stats().refusedMessages`; this keeps only the last {@link CAPACITY} with reasons.
 *
 * @example log.add({ at: Date.now(), peerId, reason: 'not-shared', type: 'sync', documentId })
 */
export class RefusalLog {
  #entries: RefusedMessage[] = []

  /** Records one refusal, forgetting the oldest beyond capacity. */
  add(entry: RefusedMessage): void {
    this.#entries.push(Object.freeze(entry))
    if (this.#entries.length > CAPACITY) this.#entries.splice(0, this.#entries.length - CAPACITY)
  }

  /** The kept refusals, oldest first (a copy). */
  list(): RefusedMessage[] {
    return this.#entries.slice()
  }
}
