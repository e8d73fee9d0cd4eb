import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Client, EchoObject, Space } from '../../src/core.ts'
import { memoryClient } from './helpers.ts'

let client: Client
let space: Space
beforeEach(async () => {
  client = await memoryClient()
  space = await client.createSpace({ name: 'queries' })
})
afterEach(() => client.close())

const titles = (objects: readonly EchoObject[]) => objects.map((o) => o.title)

describe('queries', () => {
  it('filters by @type, field equality, nested paths, references and predicates', () => {
    const ada = space.db.add({ '@type': 'person', name: 'Ada' })
    space.db.add({ '@type': 'task', title: 'a', done: false, address: { city: 'Oslo' }, owner: ada, priority: 1 })
    space.db.add({ '@type': 'task', title: 'b', done: true, address: { city: 'Bergen' }, priority: 3 })
    space.db.add({ '@type': 'note', title: 'c', done: false })
    expect(titles(space.db.query({ '@type': 'task' }).objects)).toEqual(['a', 'b'])
    expect(titles(space.db.query({ '@type': 'task', done: false }).objects)).toEqual(['a'])
    expect(titles(space.db.query({ done: false }).objects).sort()).toEqual(['a', 'c'])
    expect(titles(space.db.query({ 'address.city': 'Bergen' }).objects)).toEqual(['b'])
    expect(titles(space.db.query({ address: { city: 'Oslo' } }).objects)).toEqual(['a'])
    expect(titles(space.db.query({ owner: ada }).objects)).toEqual(['a'])
    expect(titles(space.db.query({ priority: (p: unknown) => (p as number) > 2 }).objects)).toEqual(['b'])
    expect(titles(space.db.query((o) => o.title === 'c').objects)).toEqual(['c'])
    expect(space.db.query({ '@type': 'nothing' }).objects).toEqual([])
    expect(space.db.query().objects).toHaveLength(4)
  })

  it('sorts by fields, descending, several keys, or a comparator', () => {
    space.db.add({ '@type': 't', title: 'b', n: 2 })
    space.db.add({ '@type': 't', title: 'a', n: 2 })
    space.db.add({ '@type': 't', title: 'c', n: 1 })
    expect(titles(space.db.query({ '@type': 't' }, { sort: 'title' }).objects)).toEqual(['a', 'b', 'c'])
    expect(titles(space.db.query({ '@type': 't' }, { sort: '-title' }).objects)).toEqual(['c', 'b', 'a'])
    expect(titles(space.db.query({ '@type': 't' }, { sort: ['-n', 'title'] }).objects)).toEqual(['a', 'b', 'c'])
    expect(titles(space.db.query({ '@type': 't' }, { sort: (x, y) => String(y.title).localeCompare(String(x.title)) }).objects)).toEqual(['c', 'b', 'a'])
  })

  it('is live: results follow adds, edits, re-sorts and removes, notifying once per task', async () => {
    const q = space.db.query({ '@type': 'task', done: false }, { sort: 'title' })
    const seen: string[][] = []
    q.subscribe(() => seen.push(titles(q.objects) as string[]))
    const b = space.db.add({ '@type': 'task', title: 'b', done: false })
    const a = space.db.add({ '@type': 'task', title: 'a', done: false })
    await Promise.resolve()
    expect(seen).toEqual([['a', 'b']])
    a.title = 'z'
    await Promise.resolve()
    expect(seen.at(-1)).toEqual(['b', 'z'])
    b.done = true
    await Promise.resolve()
    expect(seen.at(-1)).toEqual(['z'])
    space.db.remove(a)
    await Promise.resolve()
    expect(seen.at(-1)).toEqual([])
    expect(seen).toHaveLength(4)
  })

  it('reflects a write synchronously, before the commit', () => {
    const q = space.db.query({ done: false })
    const t = space.db.add({ done: false })
    expect(q.objects).toEqual([t])
    t.done = true
    expect(q.objects).toEqual([])
  })

  it('does not notify, and keeps its snapshot, when a change does not touch the result', async () => {
    const task = space.db.add({ '@type': 'task', title: 'a' })
    const other = space.db.add({ '@type': 'note', title: 'n' })
    const q = space.db.query({ '@type': 'task' })
    let calls = 0
    q.subscribe(() => calls++)
    const snapshot = q.objects
    other.title = 'changed'
    space.db.add({ '@type': 'note', title: 'another' })
    await Promise.resolve()
    expect(calls).toBe(0)
    expect(q.objects).toBe(snapshot)
    task.title = 'b'
    await Promise.resolve()
    expect(calls).toBe(1)
    expect(q.objects).not.toBe(snapshot)
    expect(q.objects).toEqual([task])
  })

  it('re-evaluates only the changed objects (incremental)', async () => {
    for (let i = 0; i < 1000; i++) space.db.add({ '@type': 'task', n: i, done: i % 2 === 0 })
    const q = space.db.query({ '@type': 'task', done: true })
    q.subscribe(() => {})
    expect(q.objects).toHaveLength(500)
    const before = q.evaluations
    const one = q.objects[0]!
    one.done = false
    await Promise.resolve()
    expect(q.objects).toHaveLength(499)
    expect(q.evaluations - before).toBe(1)
  })

  it('leaves out objects a throwing filter rejects, and counts the errors', () => {
    space.db.add({ '@type': 'task', title: 'a' })
    space.db.add({ '@type': 'task', title: 'b' })
    const boom = (): boolean => {
      throw new Error('boom')
    }
    expect(space.db.stats().filterErrors).toBe(0)
    expect(space.db.query((o) => (o.title === 'a' ? boom() : true)).objects.map((o) => o.title)).toEqual(['b'])
    expect(space.db.stats().filterErrors).toBe(1)
    expect(space.db.query({ '@type': 'task', title: boom }).objects).toEqual([])
    expect(space.db.stats().filterErrors).toBe(3)
    // A filter value that cannot be stored matches nothing (handled, not an error).
    expect(space.db.query({ title: new Map() }).objects).toEqual([])
    expect(space.db.stats().filterErrors).toBe(3)
  })

  it('an unsubscribed query recomputes on read and still keeps identity when unchanged', () => {
    space.db.add({ '@type': 'task', title: 'a' })
    const q = space.db.query({ '@type': 'task' })
    const first = q.objects
    expect(q.objects).toBe(first)
    space.db.add({ '@type': 'note' })
    expect(q.objects).toBe(first)
    space.db.add({ '@type': 'task', title: 'b' })
    expect(q.objects).not.toBe(first)
    expect(q.objects).toHaveLength(2)
  })
})
