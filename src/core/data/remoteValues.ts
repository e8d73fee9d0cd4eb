import * as A from '@automerge/automerge'
import { checkRemoteMeta } from './ObjectMeta.ts'
import { isStoredMetaKey, META, META_PREFIX } from './storedMeta.ts'
import { isRef } from './values.ts'

// What a peer wrote is read into the read model through these checks, since a peer may run a
// modified client: reserved `@` keys other than the engine's own, wrong types for `@type` /
// `@meta` (stored flat as `@meta.<key>`, or as a legacy nested map: see storedMeta.ts), values
// nested deeper than MAX_DEPTH, strings over MAX_STRING, maps over MAX_KEYS.
// The offending field (or array item, read as null) is left out and counted; the rest of the
// object stays readable. Reading stops at MAX_DEPTH, so a hostile deep value costs no more
// than a normal one of that depth.

/** Deepest nesting read from a peer (the top-level object is depth 0). */
export const MAX_DEPTH = 64
/** Longest string read from a peer, in UTF-16 code units (1 MiB). */
export const MAX_STRING = 1 << 20
/** Most keys of one map read from a peer. */
export const MAX_KEYS = 10_000

const DROP = Symbol('drop')

/**
 * Reads a top-level object from the document. `onInvalid` is called once per field left out.
 *
 * @example const snap = readRemoteObject(raw, () => invalid++)
 */
export function readRemoteObject(raw: object, onInvalid: () => void): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const all = Object.keys(raw)
  if (all.length > MAX_KEYS) onInvalid()
  const keys = all.length > MAX_KEYS ? all.slice(0, MAX_KEYS) : all
  let meta = false
  for (const key of keys) {
    if (key === META || isStoredMetaKey(key)) {
      // Flat keys and a legacy nested map make one `@meta`, read once where the first stands.
      if (meta) continue
      meta = true
      const value = readRemoteMeta(raw as Record<string, unknown>, onInvalid, keys)
      if (value !== undefined) out[META] = value
      continue
    }
    const value = readRemoteField(key, (raw as Record<string, unknown>)[key], onInvalid)
    if (value !== DROP) out[key] = value
  }
  return out
}

/**
 * Reads the snapshot field `key` of a stored object: `@meta` from its flat keys and a legacy
 * nested map, any other key from itself. Undefined when absent; {@link isDropped} when left out
 * (already counted).
 */
export function readRemoteKey(raw: object, key: string, onInvalid: () => void): unknown {
  if (key === META) return readRemoteMeta(raw as Record<string, unknown>, onInvalid, Object.keys(raw))
  return Object.prototype.hasOwnProperty.call(raw, key) ? readRemoteField(key, (raw as Record<string, unknown>)[key], onInvalid) : undefined
}

/**
 * Reads one top-level field; returns {@link isDropped} when it is left out (already counted).
 * A flat meta key (`@meta.createdAt`) is not a field: it is read through {@link readRemoteKey}.
 */
export function readRemoteField(key: string, raw: unknown, onInvalid: () => void): unknown {
  let value: unknown
  if (key.startsWith('@')) {
    // '@id' comes from the object's place in the document, never from its fields.
    if (key === '@type') value = readValue(raw, 1, onInvalid)
    // A nested `@meta` (the legacy form); what is left out is counted inside.
    else if (key === META) return readRemoteMeta({ [META]: raw }, onInvalid, []) ?? DROP
    else value = DROP
    if (key === '@type' && (typeof value !== 'string' || !value)) value = DROP
  } else value = readValue(raw, 1, onInvalid)
  if (value === DROP) onInvalid()
  return value
}

/**
 * `@meta` of a stored object: the legacy nested map (if any), then each flat key over it, read
 * as the nested map's values are (depth 2, reserved `@` keys left out), and the engine's keys
 * type-checked (checkRemoteMeta). Undefined when the object holds neither form, or nothing of
 * it could be read (each part left out already counted).
 */
function readRemoteMeta(raw: Record<string, unknown>, onInvalid: () => void, keys: readonly string[]): unknown {
  let meta: Record<string, unknown> | undefined
  let nested = false
  let flat = false
  if (Object.prototype.hasOwnProperty.call(raw, META)) {
    const value = isMap(raw[META]) ? readValue(raw[META], 1, onInvalid) : DROP
    if (value === DROP || !isMap(value)) onInvalid()
    else {
      meta = value as Record<string, unknown>
      nested = true
    }
  }
  for (const key of keys) {
    if (!isStoredMetaKey(key)) continue
    const name = key.slice(META_PREFIX.length)
    // As inside a nested map: a reserved key is left out, a value read one level down.
    const value = name.startsWith('@') ? DROP : readValue(raw[key], 2, onInvalid)
    if (value === DROP) {
      onInvalid()
      continue
    }
    meta ??= {}
    meta[name] = value
    flat = true
  }
  if (!meta) return undefined
  // Both forms (an object upgraded by an older peer): keys sorted, as a local write lists them.
  if (nested && flat) meta = Object.fromEntries(Object.keys(meta).sort().map((k) => [k, meta![k]]))
  return checkRemoteMeta(meta, onInvalid)
}

/** True for the marker {@link readRemoteField} returns for a field left out. */
export function isDropped(value: unknown): boolean {
  return value === DROP
}

function isMap(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !A.isImmutableString(value) && !A.isCounter(value)
}

function readValue(value: unknown, depth: number, onInvalid: () => void): unknown {
  switch (typeof value) {
    case 'string':
      return value.length > MAX_STRING ? DROP : value
    case 'boolean':
      return value
    case 'number':
      return Number.isFinite(value) ? value : null
    case 'object': {
      if (value === null) return null
      if (A.isImmutableString(value)) {
        const s = (value as A.ImmutableString).val
        return s.length > MAX_STRING ? DROP : s
      }
      if (A.isCounter(value)) return (value as A.Counter).value
      if (value instanceof Date || value instanceof Uint8Array) return null
      if (depth >= MAX_DEPTH) return DROP
      if (Array.isArray(value)) {
        if (value.length > MAX_KEYS) return DROP
        const out = new Array(value.length)
        for (let i = 0; i < value.length; i++) {
          const item = readValue(value[i], depth + 1, onInvalid)
          // An item cannot be left out without shifting the others: it reads as null.
          if (item === DROP) onInvalid()
          out[i] = item === DROP ? null : item
        }
        return out
      }
      const keys = Object.keys(value)
      if (keys.length > MAX_KEYS) return DROP
      // The engine's one nested reserved shape: a reference `{ '@ref': id }`.
      if (keys.length === 1 && keys[0] === '@ref') {
        const ref = { '@ref': readValue((value as Record<string, unknown>)['@ref'], depth + 1, onInvalid) }
        return isRef(ref) ? ref : DROP
      }
      const out: Record<string, unknown> = {}
      for (const key of keys) {
        const item = key.startsWith('@') ? DROP : readValue((value as Record<string, unknown>)[key], depth + 1, onInvalid)
        if (item === DROP) onInvalid()
        else out[key] = item
      }
      return out
    }
    default:
      return null
  }
}
