import * as A from '@automerge/automerge'
import { checkRemoteMeta } from './ObjectMeta.ts'
import { isRef } from './values.ts'

// What a peer wrote is read into the read model through these checks, since a peer may run a
// modified client: reserved `@` keys other than the engine's own, wrong types for `@type` /
// `@meta`, values nested deeper than MAX_DEPTH, strings over MAX_STRING, maps over MAX_KEYS.
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
  const keys = Object.keys(raw)
  if (keys.length > MAX_KEYS) onInvalid()
  for (const key of keys.length > MAX_KEYS ? keys.slice(0, MAX_KEYS) : keys) {
    const value = readRemoteField(key, (raw as Record<string, unknown>)[key], onInvalid)
    if (value !== DROP) out[key] = value
  }
  return out
}

/**
 * Reads one top-level field; returns {@link isDropped} when it is left out (already counted).
 */
export function readRemoteField(key: string, raw: unknown, onInvalid: () => void): unknown {
  let value: unknown
  if (key.startsWith('@')) {
    // '@id' comes from the object's place in the document, never from its fields.
    if (key === '@type') value = readValue(raw, 1, onInvalid)
    else if (key === '@meta') {
      value = isMap(raw) ? readValue(raw, 1, onInvalid) : DROP
      // The engine's own keys (createdAt, createdBy, typeVersion) must have their types.
      if (value !== DROP && isMap(value)) value = checkRemoteMeta(value as Record<string, unknown>, onInvalid)
    }
    else value = DROP
    if (key === '@type' && (typeof value !== 'string' || !value)) value = DROP
  } else value = readValue(raw, 1, onInvalid)
  if (value === DROP) onInvalid()
  return value
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
