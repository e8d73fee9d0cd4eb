import { coreOf } from './coreOf.ts'
import type { Database } from './Database.ts'
import { liveInfo } from './values.ts'

/** One subscribed query of a database, as devtools show it. */
export interface LiveQueryInfo {
  /** The filter in words: JSON of an object filter (references as `{ "@ref": id }`, per-field predicates as `ƒ`), `predicate` for a function, `all` for none. */
  readonly filter: string
  /** The sort in words, or undefined when unsorted. */
  readonly sort: string | undefined
  /** Listeners on this query (each `useQuery` of a mounted component makes its own query with one). */
  readonly listeners: number
  /** Objects in its result now. */
  readonly results: number
}

/**
 * The queries of `db` that are subscribed right now (unsubscribed queries do no work and are
 * not listed). Read-only.
 *
 * @example liveQueriesOf(space.db).map((q) => `${q.filter}: ${q.listeners}`)
 */
export function liveQueriesOf(db: Database): LiveQueryInfo[] {
  const out: LiveQueryInfo[] = []
  for (const hooks of coreOf(db).feed.attachedQueries()) {
    const d = hooks.describe?.()
    if (!d) continue
    out.push({ filter: describe(d.filter, 'all'), sort: d.sort === undefined ? undefined : describe(d.sort, 'comparator'), listeners: d.listeners, results: d.results })
  }
  return out
}


function describe(value: unknown, none: string): string {
  if (value === undefined || value === null) return none
  if (typeof value === 'function') return none === 'all' ? 'predicate' : 'comparator'
  try {
    return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
      // The holder's own value: a live object's toJSON has already run on `v`.
      const live = liveInfo(this[key])
      if (live && live.path.length === 0) return { '@ref': live.id }
      return typeof v === 'function' ? 'ƒ' : v
    })
  } catch {
    // A filter value JSON cannot show (a cycle, a BigInt): say so instead of failing the panel.
    return '(not printable)'
  }
}
