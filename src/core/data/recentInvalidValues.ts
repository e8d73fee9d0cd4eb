import { coreOf } from './coreOf.ts'
import type { Database } from './Database.ts'

/** One time a value from a peer was left out of the read model as invalid (see remoteValues). */
export interface InvalidValueNote {
  /** When it was read (ms since epoch). */
  readonly at: number
  /** The object that held it. */
  readonly objectId: string
}

/**
 * The last 50 invalid remote values `db` left out, oldest first; the full count is
 * `db.stats().invalidRemoteValues`. Read-only, for devtools.
 *
 * @example recentInvalidValuesOf(space.db).map((n) => n.objectId)
 */
export function recentInvalidValuesOf(db: Database): InvalidValueNote[] {
  return coreOf(db).read.recentInvalid()
}
