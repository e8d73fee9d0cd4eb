import * as A from '@automerge/automerge'

// How `@meta` is stored. The read model and live objects show one `@meta` map per object
// (see ObjectMeta.ts); the document holds its keys flat in the object's own Automerge map, one
// reserved top-level key per meta key: `@meta.createdAt`, `@meta.createdBy`, `@meta.createdTick`,
// `@meta.typeVersion` and any key an app gave in `@meta` at `db.add`. A nested map per object
// is one more Automerge object each (its makeMap op, its id, a JS object in every patch export):
// flat, a 10,000-object space loads and diffs ~20% faster through automerge-repo, ~35% with
// `A.load` on a compacted snapshot (bench/RESULTS.md, "Flat @meta").
//
// Documents written before (or by an older peer) hold a nested `@meta` map: it is still read,
// merged under the flat keys (a flat key wins), and replaced by flat keys when `@meta` is next
// written (TypeRegistry's upgrade). The `@meta.` names keep the stored form readable and match
// the sort key `@meta.createdAt`; shorter names measured no faster (bench/RESULTS.md).

/** The snapshot key (and the legacy stored key) of an object's metadata. */
export const META = '@meta'
/** Prefix of the stored flat meta keys: `@meta.` + the meta key. */
export const META_PREFIX = '@meta.'

/** True for a stored flat meta key (`@meta.createdAt`, ...). */
export function isStoredMetaKey(key: string): boolean {
  return key.startsWith(META_PREFIX)
}

/** The snapshot key a stored top-level key is read into: `@meta` for the flat meta keys, else itself. */
export function snapshotKeyOf(storedKey: string): string {
  return isStoredMetaKey(storedKey) ? META : storedKey
}

/** `keys` as snapshot keys (the same set when none is a flat meta key: the common case). */
export function snapshotKeys(keys: ReadonlySet<string>): ReadonlySet<string> {
  for (const key of keys) if (isStoredMetaKey(key)) return new Set([...keys].map(snapshotKeyOf))
  return keys
}

/**
 * The snapshot keys of a stored object in document order: each top-level key once, the flat
 * meta keys (and a legacy nested map) as one `@meta` where the first of them stands.
 */
export function snapshotKeyOrder(raw: object): string[] {
  const out: string[] = []
  let meta = false
  for (const key of Object.keys(raw)) {
    if (key === META || isStoredMetaKey(key)) {
      if (meta) continue
      meta = true
      out.push(META)
    } else out.push(key)
  }
  return out
}

/**
 * Puts a converted `@meta` (doc form, one key per meta key) into a new object's doc form as
 * flat keys. Used by `db.add`: nothing nested is created.
 */
export function flattenMeta(docMeta: Record<string, unknown>, into: Record<string, unknown>): void {
  for (const key in docMeta) into[storedMetaKey(key)] = docMeta[key]
}

// The engine's own keys, named once: a constant key is cheaper to add than a fresh concatenation
// on every `db.add` (measured: the burst of 1,000 adds).
const ENGINE_KEYS = new Map(['createdAt', 'createdBy', 'createdTick', 'typeVersion'].map((key) => [key, META_PREFIX + key]))

/** The stored key of meta key `key` (`createdAt` -> `@meta.createdAt`). */
export function storedMetaKey(key: string): string {
  return ENGINE_KEYS.get(key) ?? META_PREFIX + key
}

/**
 * Writes a whole `@meta` (doc form) into the stored object `target`, inside a change: flat keys
 * set where they differ, flat keys no longer in it deleted, and a legacy nested map removed
 * (so an upgraded object ends up in the flat form).
 */
export function storeMeta(target: Record<string, unknown>, docMeta: Record<string, unknown>): void {
  if (Object.prototype.hasOwnProperty.call(target, META)) delete target[META]
  for (const key of Object.keys(target)) {
    if (isStoredMetaKey(key) && !Object.prototype.hasOwnProperty.call(docMeta, key.slice(META_PREFIX.length))) delete target[key]
  }
  for (const key of Object.keys(docMeta)) {
    const stored = storedMetaKey(key)
    const value = docMeta[key]
    // Unchanged scalars are not written again (an upgrade changes typeVersion only).
    if (Object.prototype.hasOwnProperty.call(target, stored) && sameScalar(target[stored], value)) continue
    target[stored] = value
  }
}

function sameScalar(current: unknown, next: unknown): boolean {
  if (current === next) return current === null || typeof current !== 'object'
  return A.isImmutableString(current) && A.isImmutableString(next) && current.val === next.val
}

/**
 * The stored keys a write of `@meta` may touch in `before` / `after` (committed objects): the
 * legacy nested map and every flat key in either. Undo records one part per stored key.
 */
export function storedMetaKeys(before: object | undefined, after: object | undefined): string[] {
  const keys = new Set<string>([META])
  for (const obj of [before, after]) if (obj) for (const key of Object.keys(obj)) if (isStoredMetaKey(key)) keys.add(key)
  return [...keys]
}
