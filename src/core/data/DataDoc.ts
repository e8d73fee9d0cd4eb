import type * as A from '@automerge/automerge'

/**
 * The data document of a space: objects spread over 256 buckets by the first byte of their id
 * (`objects[bucket][id]`), so one change touches a small map instead of one map of every object.
 */
export interface DataDoc {
  name?: unknown
  objects: Record<string, Record<string, Record<string, unknown>>>
}

/** Bucket of an object id: its first two hex chars (256 sub-maps keep Automerge changes cheap). */
export function bucketOf(id: string): string {
  return id.slice(0, 2).toLowerCase()
}

/** Ids of every object stored in a data document (any shape a peer sent is tolerated). */
export function objectIdsIn(doc: A.Doc<DataDoc>): string[] {
  const out: string[] = []
  const objects = doc?.objects
  if (!objects || typeof objects !== 'object') return out
  for (const bucket of Object.keys(objects)) {
    const map = objects[bucket]
    if (map && typeof map === 'object') out.push(...Object.keys(map))
  }
  return out
}
