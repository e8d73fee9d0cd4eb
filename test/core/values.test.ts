import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EchoError, type Client, type Space } from '../../src/core.ts'
import { memoryClient } from './helpers.ts'

let client: Client
let space: Space
beforeEach(async () => {
  client = await memoryClient()
  space = await client.createSpace({ name: 'values' })
})
afterEach(() => client.close())

class Thing {
  x = 1
}

const cyclic: Record<string, unknown> = { a: 1 }
cyclic.self = cyclic

const refused: [string, unknown, string][] = [
  ['undefined', { a: undefined }, 'INVALID_VALUE'],
  ['a function', { a: () => 1 }, 'INVALID_VALUE'],
  ['a Date', { a: new Date() }, 'INVALID_VALUE'],
  ['a class instance', { a: new Thing() }, 'INVALID_VALUE'],
  ['a Map', { a: new Map() }, 'INVALID_VALUE'],
  ['a cycle', cyclic, 'INVALID_VALUE'],
  ['NaN', { a: NaN }, 'INVALID_VALUE'],
  ['Infinity', { a: Infinity }, 'INVALID_VALUE'],
  ['-Infinity nested', { a: { b: [1, -Infinity] } }, 'INVALID_VALUE'],
  ['a bigint', { a: 1n }, 'INVALID_VALUE'],
  ['a symbol', { a: Symbol('x') }, 'INVALID_VALUE'],
  ['a sparse array', { a: [1, , 3] }, 'INVALID_VALUE'],
  ['a non-reserved @ key', { '@color': 'red' }, 'RESERVED_KEY'],
  ['a nested @ key', { a: { '@type': 'x' } }, 'RESERVED_KEY'],
  ['@id supplied', { '@id': 'mine' }, 'RESERVED_KEY'],
  ['@type not a string', { '@type': 5 }, 'INVALID_VALUE'],
  ['@meta not an object', { '@meta': 'x' }, 'INVALID_VALUE'],
  ['top level array', [1, 2], 'INVALID_VALUE'],
  ['top level null', null, 'INVALID_VALUE'],
  ['top level string', 'hello', 'INVALID_VALUE'],
  ['top level number', 42, 'INVALID_VALUE'],
  ['top level class instance', new Thing(), 'INVALID_VALUE'],
]

describe('db.add refuses what is not plain JSON', () => {
  it.each(refused)('refuses %s with a typed error and writes nothing', async (_name, value, code) => {
    const before = space.db.size
    let error: unknown
    try {
      space.db.add(value as never)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(EchoError)
    expect((error as EchoError).code).toBe(code)
    expect((error as EchoError).message.length).toBeGreaterThan(10)
    await space.db.flush()
    expect(space.db.size).toBe(before)
    expect(space.db.query().objects).toHaveLength(0)
  })

  it('refuses a live object at the top level', () => {
    const a = space.db.add({ x: 1 })
    expect(() => space.db.add(a)).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }))
    expect(space.db.size).toBe(1)
  })

  it('refuses bad field writes and keeps the old value', async () => {
    const task = space.db.add({ title: 'a', list: [1] })
    expect(() => ((task as Record<string, unknown>).title = undefined)).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }))
    expect(() => ((task as Record<string, unknown>).title = new Date())).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }))
    expect(() => ((task as Record<string, unknown>)['@secret'] = 1)).toThrow(expect.objectContaining({ code: 'RESERVED_KEY' }))
    expect(() => ((task as Record<string, unknown>)['@id'] = 'x')).toThrow(expect.objectContaining({ code: 'RESERVED_KEY' }))
    expect(() => (task.list as unknown[]).push(NaN)).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }))
    expect(() => ((task.list as unknown[])[5] = 1)).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }))
    await space.db.flush()
    expect(task.title).toBe('a')
    expect([...(task.list as number[])]).toEqual([1])
    expect(Object.keys(task).sort()).toEqual(['@id', 'list', 'title'])
  })

  it('refuses a reference into another space', async () => {
    const other = await client.createSpace({ name: 'other' })
    const foreign = other.db.add({ x: 1 })
    expect(() => space.db.add({ ref: foreign })).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }))
  })

  it('accepts every JSON kind and the reserved keys it allows', () => {
    const value = {
      '@type': 'kitchen-sink',
      '@meta': { keys: [{ source: 'crm', id: '42' }] },
      s: 'text',
      n: -1.5,
      i: 7,
      t: true,
      f: false,
      z: null,
      arr: [1, 'two', { three: 3 }, [4]],
      obj: { deep: { deeper: 'yes' } },
      empty: {},
      unicode: 'æøå 🚀',
    }
    const obj = space.db.add(value)
    // The engine adds its own @meta keys next to the app's (see ObjectMeta.ts).
    const meta = { ...value['@meta'], createdAt: expect.any(Number), createdBy: client.identity!.identityKey }
    expect(JSON.parse(JSON.stringify(obj))).toEqual({ '@id': obj['@id'], ...value, '@meta': meta })
  })
})
