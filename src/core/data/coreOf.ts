import type { Database } from './Database.ts'
import type { DatabaseCore } from './DatabaseCore.ts'

// Folder-internal (not exported from index.ts). Lives apart from Database.ts so that Query and
// TextHandle need not import Database.ts: that import cycle, next to Automerge's top-level await
// (its wasm), deadlocks module evaluation in Rollup bundles (Storybook's build hung on it).

let access: ((db: Database) => DatabaseCore) | undefined

/** Called once, by Database's static block: how to read a database's private core. */
export function provideCoreAccess(read: (db: Database) => DatabaseCore): void {
  access = read
}

/**
 * The core behind a database, for the folder's live objects, queries and text handles.
 *
 * @example const core = coreOf(db)
 */
export function coreOf(db: Database): DatabaseCore {
  return access!(db)
}
