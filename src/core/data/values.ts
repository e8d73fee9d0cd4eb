import * as A from '@automerge/automerge'
import { EchoError } from '../shared/index.ts'
import { flattenMeta } from './storedMeta.ts'
import { Text } from './Text.ts'

// Three forms of a value:
// - user value: what the app assigns (plain JSON, live objects as references, Text markers);
// - doc value: what goes into Automerge (ImmutableString for atomic strings, Automerge text for
//   Text, `{ '@ref': id }` maps for references);
// - plain value: the materialised read model (strings, numbers, `{ '@ref': id }` for references).

/** A stored weak reference. */
export interface RefValue {
  '@ref': string
}

/** Symbol through which a live object reveals its identity to the engine. */
export const LIVE = Symbol.for('echo-kit.live')

/** What a live proxy answers for {@link LIVE}. */
export interface LiveInfo {
  spaceId: string
  /** The database the object lives in (typed loosely to keep this module dependency-free). */
  db: unknown
  id: string
  /** Path inside the object; empty for the object itself. */
  path: readonly (string | number)[]
  /** Plain value at that path (for copying nested live values). */
  plain(): unknown
}

/** The live info of `value` when it is a live object or a live nested value. */
export function liveInfo(value: unknown): LiveInfo | undefined {
  if (value !== null && (typeof value === 'object' || typeof value === 'function')) {
    return (value as { [LIVE]?: LiveInfo })[LIVE]
  }
  return undefined
}

export function isRef(value: unknown): value is RefValue {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof (value as RefValue)['@ref'] === 'string'
  )
}

const RESERVED_TOP = new Set(['@id', '@type', '@meta'])

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined'
  if (typeof value === 'number') return String(value)
  if (typeof value === 'function') return 'a function'
  if (typeof value === 'bigint') return 'a bigint'
  if (typeof value === 'symbol') return 'a symbol'
  if (value instanceof Date) return 'a Date (store date.toISOString() or a timestamp)'
  if (value instanceof Map || value instanceof Set) return `a ${value.constructor.name}`
  const name = (value as object)?.constructor?.name
  return name ? `an instance of ${name}` : 'an unsupported value'
}

function where(path: readonly (string | number)[]): string {
  return path.length ? `at '${path.join('.')}'` : 'at the top level'
}

/**
 * Checks a user value and converts it to its doc form and its plain form in one walk.
 * Throws {@link EchoError} (`INVALID_VALUE`, `RESERVED_KEY`) and converts nothing on failure,
 * so a refused value writes nothing.
 */
export function convertValue(
  value: unknown,
  spaceId: string,
  path: (string | number)[] = [],
  ancestors: Set<object> = new Set(),
): { doc: unknown; plain: unknown } {
  switch (typeof value) {
    case 'string':
      return { doc: new A.ImmutableString(value), plain: value }
    case 'boolean':
      return { doc: value, plain: value }
    case 'number':
      if (!Number.isFinite(value)) {
        throw new EchoError('INVALID_VALUE', `${describe(value)} is not allowed ${where(path)}: only finite numbers are JSON`)
      }
      return { doc: value, plain: value }
    case 'object': {
      if (value === null) return { doc: null, plain: null }
      const info = liveInfo(value)
      if (info) {
        if (info.path.length === 0) {
          if (info.spaceId !== spaceId) {
            throw new EchoError('INVALID_VALUE', `a reference ${where(path)} points into another space; references stay inside one space`)
          }
          return { doc: { '@ref': info.id }, plain: { '@ref': info.id } }
        }
        // A nested live value (task.address) is copied by value.
        return convertValue(info.plain(), spaceId, path, ancestors)
      }
      if (value instanceof Text) {
        return { doc: value.value, plain: value.value }
      }
      if (ancestors.has(value)) {
        throw new EchoError('INVALID_VALUE', `a cycle ${where(path)}: plain values must be trees; link objects with references instead`)
      }
      if (Array.isArray(value)) {
        ancestors.add(value)
        const doc: unknown[] = []
        const plain: unknown[] = []
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) throw new EchoError('INVALID_VALUE', `a hole in an array ${where([...path, i])}`)
          const c = convertValue(value[i], spaceId, [...path, i], ancestors)
          doc.push(c.doc)
          plain.push(c.plain)
        }
        ancestors.delete(value)
        return { doc, plain }
      }
      if (!isPlainObject(value)) {
        throw new EchoError('INVALID_VALUE', `${describe(value)} is not allowed ${where(path)}: only plain JSON`)
      }
      ancestors.add(value)
      const doc: Record<string, unknown> = {}
      const plain: Record<string, unknown> = {}
      // Sorted like Automerge lists map keys, so the read model matches the document at once.
      for (const key of Object.keys(value).sort()) {
        if (key.startsWith('@')) {
          throw new EchoError('RESERVED_KEY', `key '${key}' ${where(path)} is reserved: keys starting with '@' belong to echo-kit`)
        }
        const c = convertValue((value as Record<string, unknown>)[key], spaceId, [...path, key], ancestors)
        doc[key] = c.doc
        plain[key] = c.plain
      }
      ancestors.delete(value)
      return { doc, plain }
    }
    default:
      throw new EchoError('INVALID_VALUE', `${describe(value)} is not allowed ${where(path)}: only plain JSON`)
  }
}

/**
 * Checks one top-level field of an object (`@type`, `@meta` or a user key) and converts it.
 */
export function convertField(key: string, value: unknown, spaceId: string): { doc: unknown; plain: unknown } {
  if (key === '@id') throw new EchoError('RESERVED_KEY', `'@id' is generated by echo-kit and cannot be set`)
  if (key === '@type') {
    if (typeof value !== 'string' || value.length === 0) {
      throw new EchoError('INVALID_VALUE', `'@type' must be a non-empty string`)
    }
    return { doc: new A.ImmutableString(value), plain: value }
  }
  if (key === '@meta') {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || liveInfo(value)?.path.length === 0) {
      throw new EchoError('INVALID_VALUE', `'@meta' must be a plain object`)
    }
    return convertValue(value, spaceId, ['@meta'])
  }
  if (key.startsWith('@')) {
    throw new EchoError('RESERVED_KEY', `key '${key}' is reserved: keys starting with '@' belong to echo-kit (allowed: @type, @meta)`)
  }
  return convertValue(value, spaceId, [key])
}

/**
 * Checks a whole new object for `db.add`. Top level must be a plain object. In the doc form
 * `@meta` is stored flat (`@meta.createdAt`, ...: see storedMeta.ts); the plain form keeps one
 * `@meta` map (left out when empty, as the document then holds none).
 */
export function convertObject(value: unknown, spaceId: string): { doc: Record<string, unknown>; plain: Record<string, unknown> } {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !isPlainObject(value) || liveInfo(value)) {
    throw new EchoError('INVALID_VALUE', `an object must be a plain object at the top level, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : describe(value)}`)
  }
  const doc: Record<string, unknown> = {}
  const plain: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) {
    if (key === '@id') throw new EchoError('RESERVED_KEY', `'@id' is generated by echo-kit; leave it out of db.add()`)
    if (key.startsWith('@') && !RESERVED_TOP.has(key)) {
      throw new EchoError('RESERVED_KEY', `key '${key}' is reserved: keys starting with '@' belong to echo-kit (allowed: @type, @meta)`)
    }
    const c = convertField(key, (value as Record<string, unknown>)[key], spaceId)
    if (key === '@meta') {
      flattenMeta(c.doc as Record<string, unknown>, doc)
      if (hasKeys(c.plain as object)) plain[key] = c.plain
      continue
    }
    doc[key] = c.doc
    plain[key] = c.plain
  }
  return { doc, plain }
}

function hasKeys(value: object): boolean {
  for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key)) return true
  return false
}

/**
 * Reads an Automerge value (outside a change) into its plain form.
 * Unknown kinds from a misbehaving peer are read as null rather than crashing the reader.
 */
export function materialize(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      return Number.isFinite(value) ? value : null
    case 'object': {
      if (value === null) return null
      if (A.isImmutableString(value)) return (value as A.ImmutableString).val
      if (Array.isArray(value)) {
        const out = new Array(value.length)
        for (let i = 0; i < value.length; i++) out[i] = materialize(value[i])
        return out
      }
      if (value instanceof Date || value instanceof Uint8Array) return null
      if (A.isCounter(value)) return (value as A.Counter).value
      const out: Record<string, unknown> = {}
      for (const key of Object.keys(value)) out[key] = materialize((value as Record<string, unknown>)[key])
      return out
    }
    default:
      return null
  }
}

/** Structural equality of plain values, key order included (keeps snapshot identity when nothing changed). */
export function plainEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!plainEqual(a[i], b[i])) return false
    return true
  }
  if (Array.isArray(b)) return false
  // Key order counts: every peer must list an object's keys in the same (document) order.
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i]!
    if (k !== kb[i] || !plainEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false
  }
  return true
}
