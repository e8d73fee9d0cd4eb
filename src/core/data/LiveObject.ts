import type { Database } from './Database.ts'
import type { DatabaseCore } from './DatabaseCore.ts'
import type { Text } from './Text.ts'
import type { TextHandle } from './TextHandle.ts'
import { EchoError } from '../shared/index.ts'
import { NO_META, type ObjectMeta } from './ObjectMeta.ts'
import { isStoredMetaKey } from './storedMeta.ts'
import { valueAt, type Path } from './paths.ts'
import { isRef, LIVE, type LiveInfo } from './values.ts'

/**
 * A live object of a space: reads show the current state (also after remote changes), writes
 * commit at once, nested objects and arrays are live too, and fields holding references read
 * as the live target (or undefined while it is missing or deleted).
 *
 * @example
 * const task = space.db.add({ '@type': 'task', title: 'Buy milk', tags: [] })
 * task.tags.push('home')
 * task.assignee = person          // stores a reference to person's @id
 * task.assignee?.name             // 'Ada'
 */
export type EchoObject<T extends object = Record<string, unknown>> = LiveFields<T> & {
  readonly '@id': string
  '@type'?: string
  /** Written by echo-kit when the object is added; read-only (see {@link ObjectMeta}). */
  readonly '@meta': ObjectMeta
}

/** Field types as read from a live object: {@link Text} fields read as strings. */
export type LiveFields<T> = { [K in keyof T]: T[K] extends Text ? string : T[K] }

const ARRAY_MUTATORS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin'])

/**
 * The id of a live object, or undefined for anything else.
 *
 * @example getObjectId(task) // '3f9a…'
 */
export function getObjectId(value: unknown): string | undefined {
  const info = value !== null && typeof value === 'object' ? (value as { [LIVE]?: LiveInfo })[LIVE] : undefined
  return info && info.path.length === 0 ? info.id : undefined
}

/**
 * The collaborative text handle of a field of a live object.
 *
 * @example
 * const body = getText(note, 'body')
 * body.splice(0, 0, 'Hi ')
 */
export function getText(object: EchoObject, field: string): TextHandle {
  const info = object !== null && typeof object === 'object' ? (object as { [LIVE]?: LiveInfo })[LIVE] : undefined
  if (!info || info.path.length !== 0) throw new EchoError('INVALID_VALUE', 'getText() takes a live object from space.db')
  return (info.db as Database).text(info.id, field)
}

/**
 * True when `value` is a live echo-kit object (or a live nested value of one).
 *
 * @example if (isEchoObject(x)) console.log(x['@id'])
 */
export function isEchoObject(value: unknown): value is EchoObject {
  return getObjectId(value) !== undefined
}

/**
 * Live view of an object (path = []) or of a nested object/array inside it. Folder-internal
 * (not exported from index.ts): reads come from the core's read model, writes go to the core.
 */
export function createLiveObject(core: DatabaseCore, id: string, path: Path = []): EchoObject {
  const model = core.read
  const db = core.db
  const read = (): unknown => valueAt(model.snapshotOf(id), path)
  const initial = read()
  const isArray = Array.isArray(initial)
  const info: LiveInfo = { spaceId: core.spaceId, db, id, path, plain: read }

  const toLive = (value: unknown, key: string | number): unknown => {
    if (value === null || typeof value !== 'object') return value
    if (isRef(value)) return db.status === 'closed' ? undefined : db.get(value['@ref'])
    const childPath = [...path, key]
    const cache = model.nestedCache(id)
    const cacheKey = childPath.join('\u0000') + (Array.isArray(value) ? '[]' : '{}')
    let child = cache?.get(cacheKey)
    if (!child) {
      child = createLiveObject(core, id, childPath)
      cache?.set(cacheKey, child)
    }
    return child
  }

  const keyOf = (prop: string): string | number => {
    if (isArray) {
      const n = Number(prop)
      if (Number.isInteger(n) && n >= 0 && String(n) === prop) return n
    }
    return prop
  }

  const handler: ProxyHandler<object> = {
    get(_target, prop) {
      if (prop === LIVE) return info
      if (typeof prop === 'symbol') {
        if (isArray) return (Array.prototype as unknown as Record<symbol, unknown>)[prop]
        // String(obj) and template literals must work whatever fields (e.g. a peer's
        // 'toString' or 'valueOf' string) the object holds: they shadow the prototype's methods.
        if (prop === Symbol.toPrimitive) return objectToPrimitive
        return undefined
      }
      if (path.length === 0 && prop === '@id') return id
      if (path.length === 0 && prop === '@meta' && !hasOwn(read(), '@meta')) return NO_META
      if (prop === 'toJSON') return () => toJSON(read(), path.length === 0 ? id : undefined)
      const current = read()
      if (isArray) {
        if (prop === 'length') return Array.isArray(current) ? current.length : 0
        if (ARRAY_MUTATORS.has(prop)) return (...args: unknown[]) => (assertNotMeta(path), core.arrayOp(id, path, prop, args))
        const key = keyOf(prop)
        if (typeof key === 'number') return toLive(Array.isArray(current) ? current[key] : undefined, key)
        return (Array.prototype as unknown as Record<string, unknown>)[prop]
      }
      if (current === null || typeof current !== 'object') return undefined
      if (!Object.prototype.hasOwnProperty.call(current, prop)) return undefined
      return toLive((current as Record<string, unknown>)[prop], prop)
    },
    set(_target, prop, value) {
      if (typeof prop === 'symbol') throw new EchoError('INVALID_VALUE', 'symbol keys cannot be stored')
      if (path.length === 0 && prop === '@id') throw new EchoError('RESERVED_KEY', `'@id' is generated by echo-kit and cannot be set`)
      assertNotMeta(path.length ? path : [prop])
      if (isArray && prop === 'length') {
        const current = read() as unknown[]
        const n = Number(value)
        if (!Number.isInteger(n) || n < 0) throw new EchoError('INVALID_VALUE', 'array length must be a non-negative integer')
        if (n < current.length) core.arrayOp(id, path, 'splice', [n])
        else if (n > current.length) throw new EchoError('INVALID_VALUE', 'arrays cannot have holes; push values instead')
        return true
      }
      if (value === undefined) throw new EchoError('INVALID_VALUE', `undefined is not allowed at '${[...path, prop].join('.')}': use delete to remove a field`)
      core.setField(id, [...path, keyOf(prop)], value)
      return true
    },
    deleteProperty(_target, prop) {
      if (typeof prop === 'symbol') return true
      assertNotMeta(path.length ? path : [prop])
      core.deleteField(id, [...path, keyOf(prop)])
      return true
    },
    has(_target, prop) {
      if (prop === LIVE) return true
      if (typeof prop === 'symbol') return false
      if (path.length === 0 && prop === '@id') return true
      const current = read()
      if (current === null || typeof current !== 'object') return false
      return Object.prototype.hasOwnProperty.call(current, keyOf(prop))
    },
    ownKeys(target) {
      const current = read()
      const keys = current !== null && typeof current === 'object' ? Object.keys(current) : []
      if (isArray) return [...keys, 'length']
      void target
      return path.length === 0 ? ['@id', ...keys] : keys
    },
    getOwnPropertyDescriptor(target, prop) {
      if (isArray && prop === 'length') return Reflect.getOwnPropertyDescriptor(target, 'length') && { value: (read() as unknown[] | undefined)?.length ?? 0, writable: true, enumerable: false, configurable: false }
      if (typeof prop === 'symbol' || !handler.has!(target, prop)) return undefined
      // '@meta' is not enumerable: Object.keys and spreads list the app's fields as before @meta existed.
      const meta = path.length === 0 && prop === '@meta'
      return { value: handler.get!(target, prop, undefined), writable: prop !== '@id' && !meta, enumerable: !meta, configurable: true }
    },
    defineProperty() {
      throw new EchoError('INVALID_VALUE', 'use plain assignment to set fields of a live object')
    },
    getPrototypeOf() {
      return isArray ? Array.prototype : Object.prototype
    },
    setPrototypeOf() {
      return false
    },
  }
  return new Proxy(isArray ? [] : {}, handler) as EchoObject
}

function hasOwn(value: unknown, key: string): boolean {
  return value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, key)
}

/** `@meta` (and its stored keys, `@meta.createdAt`...) is written by the engine only: a live object refuses writes into it. */
function assertNotMeta(path: Path): void {
  const top = path[0]
  if (top === '@meta' || (typeof top === 'string' && isStoredMetaKey(top))) {
    throw new EchoError('RESERVED_KEY', `'${top}' is written by echo-kit and is read-only`)
  }
}

function objectToPrimitive(): string {
  return '[object Object]'
}

function toJSON(value: unknown, id: string | undefined): unknown {
  if (value === null || typeof value !== 'object') return value
  return id === undefined ? value : { '@id': id, ...(value as object) }
}
