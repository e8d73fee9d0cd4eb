// Paths inside objects: helpers over plain (materialised) values, kept apart so the read model,
// writes and live objects share them, and the same path resolved in the document being changed.
import { bucketOf, type DataDoc } from './DataDoc.ts'

/** Where a value sits inside an object: keys and array indexes. */
export type Path = readonly (string | number)[]

/** Value at `path` inside a plain value; undefined when any step is missing. */
export function valueAt(root: unknown, path: Path): unknown {
  let cur = root
  for (let i = 0; i < path.length; i++) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string | number, unknown>)[path[i]!]
  }
  return cur
}

/** Copy-on-write set: returns a new root sharing every branch not on `path`. */
export function setAt(root: unknown, path: Path, value: unknown, del = false): unknown {
  if (path.length === 0) return value
  const [head, ...rest] = path
  const base = root !== null && typeof root === 'object' ? root : {}
  const isNewKey = !Array.isArray(base) && !Object.prototype.hasOwnProperty.call(base, head!)
  const copy: Record<string | number, unknown> = Array.isArray(base)
    ? (base.slice() as never)
    : isNewKey && !del
      ? sortedWith(base as Record<string, unknown>, String(head))
      : { ...(base as object) }
  if (rest.length === 0 && del) {
    if (Array.isArray(copy)) (copy as unknown[]).splice(head as number, 1)
    else delete copy[head!]
  } else {
    copy[head!] = setAt((base as Record<string | number, unknown>)[head!], rest, value, del)
  }
  return copy
}

// A new key goes where Automerge will list it (sorted), so the read model needs no reshuffle.
function sortedWith(base: Record<string, unknown>, key: string): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const k of [...Object.keys(base), key].sort()) out[k] = base[k]
  return out
}

/** The object or array at `path` inside object `id` of the document being changed. */
export function docTarget(d: DataDoc, id: string, path: Path): Record<string, unknown> {
  let target: unknown = d.objects[bucketOf(id)]![id]
  for (const key of path) target = (target as Record<string | number, unknown>)[key]
  // Thrown inside the commit: the write queue counts it as a dropped write.
  if (target === null || typeof target !== 'object') throw new Error('path vanished')
  return target as Record<string, unknown>
}
