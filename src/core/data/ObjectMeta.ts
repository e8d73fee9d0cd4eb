// `@meta`: what the engine records about each object when it is created.
import { creationClock } from './HybridClock.ts'
import { liveInfo } from './values.ts'

/**
 * An object's metadata, written by echo-kit when the object is added and read-only after.
 *
 * - `createdAt`: milliseconds since the epoch from this device's hybrid logical clock (see
 *   `HybridClock`): never goes backwards on one device. With `createdTick` (the clock's logical
 *   tick, present when several objects share a millisecond) it is the creation order. It is
 *   what the creating peer wrote: a peer may lie about it, which only changes where its
 *   objects sort.
 * - `createdBy`: the identity key of the creator, as the creating peer wrote it. Informational
 *   only: a modified client can write any key here, so never base a permission on it (who may
 *   write is decided by the space's credentials, see SECURITY.md).
 * - `typeVersion`: the version of the type (`defineType(..., { version })`) it was written with.
 *
 * Objects written before `@meta` existed have none of these; the live object reads `{}`.
 * Apps may keep their own keys in `@meta` at `db.add` time (e.g. `keys` of an outside system).
 */
export interface ObjectMeta {
  readonly createdAt?: number
  readonly createdTick?: number
  readonly createdBy?: string
  readonly typeVersion?: number
  readonly [key: string]: unknown
}

/** What `@meta` reads as on an object that has none (written before `@meta` existed). */
export const NO_META: ObjectMeta = Object.freeze({})

/** Longest `createdBy` accepted from a peer (identity keys are far shorter). */
const MAX_CREATED_BY = 200

/**
 * Checks the engine's keys of a `@meta` read from a peer: `createdAt` must be a finite number,
 * `createdTick` a non-negative integer,
 * `createdBy` a short string, `typeVersion` a positive integer; a key that is not is left out
 * and `onInvalid` is called for it. Other keys pass unchanged (already read as plain JSON).
 */
export function checkRemoteMeta(meta: Record<string, unknown>, onInvalid: () => void): Record<string, unknown> {
  let out = meta
  const drop = (key: string) => {
    if (out === meta) out = { ...meta }
    delete out[key]
    onInvalid()
  }
  if ('createdAt' in meta && (typeof meta.createdAt !== 'number' || !Number.isFinite(meta.createdAt))) drop('createdAt')
  if ('createdTick' in meta && (typeof meta.createdTick !== 'number' || !Number.isInteger(meta.createdTick) || meta.createdTick < 0)) drop('createdTick')
  if ('createdBy' in meta && (typeof meta.createdBy !== 'string' || meta.createdBy.length > MAX_CREATED_BY)) drop('createdBy')
  if ('typeVersion' in meta && (typeof meta.typeVersion !== 'number' || !Number.isInteger(meta.typeVersion) || meta.typeVersion < 1)) drop('typeVersion')
  return out
}

/** `@meta.createdAt` of a plain snapshot, or undefined. */
export function createdAtOf(snap: Readonly<Record<string, unknown>> | undefined): number | undefined {
  const at = metaOf(snap)?.createdAt
  return typeof at === 'number' ? at : undefined
}

/** `@meta.createdTick` of a plain snapshot (0 when absent). */
export function createdTickOf(snap: Readonly<Record<string, unknown>> | undefined): number {
  const tick = metaOf(snap)?.createdTick
  return typeof tick === 'number' ? tick : 0
}

function metaOf(snap: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> | undefined {
  const meta = snap?.['@meta']
  return meta !== null && typeof meta === 'object' ? (meta as Record<string, unknown>) : undefined
}

/**
 * The default order of objects: by creation time (`createdAt`, then `createdTick`), ties (and
 * objects without one, which come after every dated object) by id. The same on every peer and after a reload, since both keys
 * are stored in the document.
 */
export function compareCreation(a: string, sa: Readonly<Record<string, unknown>> | undefined, b: string, sb: Readonly<Record<string, unknown>> | undefined): number {
  return compareCreatedTime(sa, sb) || (a < b ? -1 : a > b ? 1 : 0)
}

/** Creation times compared (`createdAt`, then `createdTick`); undated after dated; 0 when equal. */
export function compareCreatedTime(sa: Readonly<Record<string, unknown>> | undefined, sb: Readonly<Record<string, unknown>> | undefined): number {
  const ta = createdAtOf(sa)
  const tb = createdAtOf(sb)
  if (ta !== tb) {
    if (ta === undefined) return 1
    if (tb === undefined) return -1
    return ta - tb
  }
  return createdTickOf(sa) - createdTickOf(sb)
}

/**
 * `value` with the engine's `@meta` keys set: `createdAt` from the hybrid clock, `createdBy`
 * when an identity is known, plus `extra` (e.g. `typeVersion`). An app's own `@meta` keys are
 * kept; a `@meta` that is not a plain object is left as it is, for convertObject to refuse.
 */
export function stampMeta(value: Record<string, unknown>, author: string | undefined, extra?: Record<string, unknown>): Record<string, unknown> {
  // Anything but a plain object is left for convertObject to refuse with its own message.
  if (value === null || typeof value !== 'object' || liveInfo(value)) return value
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return value
  const own = value['@meta']
  if (own !== undefined && (own === null || typeof own !== 'object' || Array.isArray(own))) return value
  const time = creationClock.next()
  const meta: Record<string, unknown> = { ...(own as Record<string, unknown> | undefined), ...extra, createdAt: time.at }
  // The tick only where it is needed (several objects in one millisecond): keeps @meta small.
  if (time.tick) meta.createdTick = time.tick
  else delete meta.createdTick
  if (author !== undefined) meta.createdBy = author
  else delete meta.createdBy
  return { ...value, '@meta': meta }
}
