import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HybridClock } from '../../src/core/data/HybridClock.ts'
import { linkClients } from '../../src/testing/index.ts'
import { injectObject, objectId, rawDocs } from '../security/attackers.ts'
import { eventually, testClients } from './helpers.ts'

// Issue 13, "stable order and metadata": every object gets @meta { createdAt, createdBy },
// read-only; unsorted results come in creation order (createdAt, ties by id), the same on every
// peer and after a reload.
const { clients, dirs, client } = testClients()
const NAMES = ['one', 'two', 'three', 'four', 'five', 'six']
const titles = (objects: readonly Record<string, unknown>[]) => objects.map((o) => o.title).join(',')

describe('@meta', () => {
  it('records createdAt (the real time, never backwards on one device) and createdBy, read-only', async () => {
    const ada = await client('Ada')
    const space = await ada.createSpace({ name: 'm' })
    const before = Date.now()
    const tasks = NAMES.map((title) => space.db.add({ '@type': 'task', title }))
    const after = Date.now()
    const times = tasks.map((t) => [t['@meta'].createdAt!, t['@meta'].createdTick ?? 0] as const)
    for (let i = 1; i < times.length; i++) {
      const [at, tick] = times[i]!
      const [prevAt, prevTick] = times[i - 1]!
      // (createdAt, createdTick) strictly increases: six adds in one millisecond keep their order.
      expect(at > prevAt || (at === prevAt && tick > prevTick)).toBe(true)
    }
    for (const [at] of times) {
      expect(Number.isInteger(at)).toBe(true)
      expect(at).toBeGreaterThanOrEqual(before)
      expect(at).toBeLessThanOrEqual(after)
    }
    expect(tasks[0]!['@meta'].createdBy).toBe(ada.identity!.identityKey)

    const task = tasks[0]!
    expect(() => ((task as any)['@meta'] = {})).toThrow(expect.objectContaining({ code: 'RESERVED_KEY' }))
    expect(() => ((task['@meta'] as any).createdAt = 1)).toThrow(expect.objectContaining({ code: 'RESERVED_KEY' }))
    expect(() => delete (task as any)['@meta']).toThrow(expect.objectContaining({ code: 'RESERVED_KEY' }))
    expect(task['@meta'].createdAt).toBe(times[0]![0])
    // Not enumerable: the app's fields list as before @meta existed; JSON keeps it.
    expect(Object.keys(task)).toEqual(['@id', '@type', 'title'])
    expect(JSON.parse(JSON.stringify(task))['@meta'].createdAt).toBe(times[0]![0])
  })

  it('the clock never goes backwards, also when the wall clock does', () => {
    let now = 1000
    const clock = new HybridClock(() => now)
    expect(clock.next()).toEqual({ at: 1000, tick: 0 })
    expect(clock.next()).toEqual({ at: 1000, tick: 1 })
    now = 500 // the wall clock went back
    expect(clock.next()).toEqual({ at: 1000, tick: 2 })
    now = 1001
    expect(clock.next()).toEqual({ at: 1001, tick: 0 })
    clock.observe(5000, 3) // a peer's later time: what we make next sorts after it
    expect(clock.next()).toEqual({ at: 5000, tick: 4 })
    clock.observe(now + 10 * 60_000 * 1000) // far in the future: a lie, not followed
    expect(clock.next()).toEqual({ at: 5000, tick: 5 })
  })

  it('sorts by @meta.createdAt both ways', async () => {
    const ada = await client('Ada')
    const space = await ada.createSpace({ name: 'm' })
    for (const title of NAMES) space.db.add({ '@type': 'task', title })
    expect(titles(space.db.query({ '@type': 'task' }, { sort: '@meta.createdAt' }).objects)).toBe(NAMES.join(','))
    expect(titles(space.db.query({ '@type': 'task' }, { sort: '-@meta.createdAt' }).objects)).toBe([...NAMES].reverse().join(','))
  })
})

describe('deterministic order', () => {
  it('unsorted results are in creation order on two peers and after a reload', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'echo-meta-'))
    dirs.push(dir)
    const ada = await client('Ada', { directory: dir })
    const bob = await client('Bob')
    const space = await ada.createSpace({ name: 'order' })
    await space.admit({ identityKey: bob.identity!.identityKey })
    for (const title of NAMES) {
      space.db.add({ '@type': 'task', title })
      await new Promise((r) => setTimeout(r, 2))
    }
    const expected = NAMES.join(',')
    expect(titles(space.db.query({ '@type': 'task' }).objects)).toBe(expected)

    linkClients(ada, bob)
    const onBob = await bob.openSpace(space.address, { timeout: 10_000 })
    await eventually(() => onBob.db.query({ '@type': 'task' }).objects.length === 6)
    expect(titles(onBob.db.query({ '@type': 'task' }).objects)).toBe(expected)
    // Bob adds one after seeing Ada's: it sorts after them on both peers.
    onBob.db.add({ '@type': 'task', title: 'seven' })
    await eventually(() => space.db.query({ '@type': 'task' }).objects.length === 7)
    expect(titles(space.db.query({ '@type': 'task' }).objects)).toBe(`${expected},seven`)
    expect(titles(onBob.db.query({ '@type': 'task' }).objects)).toBe(`${expected},seven`)

    await space.db.flush()
    const spaceId = space.id
    await ada.close()
    clients.splice(clients.indexOf(ada), 1)
    const again = await client('Ada', { directory: dir })
    const reopened = again.getSpace(spaceId)!
    await eventually(() => reopened.db.status === 'ready' && reopened.db.query({ '@type': 'task' }).objects.length === 7)
    expect(titles(reopened.db.query({ '@type': 'task' }).objects)).toBe(`${expected},seven`)
  })

  it('objects written before @meta existed sort by id after dated ones; bad remote @meta is left out and counted', async () => {
    const ada = await client('Ada')
    const space = await ada.createSpace({ name: 'legacy' })
    space.db.add({ '@type': 'task', title: 'dated' })
    const data = rawDocs(ada, space).data
    injectObject(data, objectId('b1'), { '@type': 'task', title: 'old-b' })
    injectObject(data, objectId('a1'), { '@type': 'task', title: 'old-a' })
    const before = space.db.stats().invalidRemoteValues
    injectObject(data, objectId('c1'), { '@type': 'task', title: 'liar', '@meta': { createdAt: 'yesterday', createdBy: 7 } })
    await eventually(() => space.db.query({ '@type': 'task' }).objects.length === 4)
    expect(titles(space.db.query({ '@type': 'task' }).objects)).toBe('dated,old-a,old-b,liar')
    const liar = space.db.get(objectId('c1'))!
    expect(liar['@meta'].createdAt).toBeUndefined()
    expect(liar['@meta'].createdBy).toBeUndefined()
    // createdAt and createdBy each left out and counted (injectObject's own '@id' field counts too).
    expect(space.db.stats().invalidRemoteValues).toBeGreaterThanOrEqual(before + 2)
    expect(space.db.get(objectId('a1'))!['@meta']).toEqual({})

    // A peer that postdates its object by ten years only moves that object in the order: our
    // clock does not follow a time that far ahead, so what we add next still reads as now.
    injectObject(data, objectId('d1'), { '@type': 'task', title: 'future', '@meta': { createdAt: Date.now() + 10 * 365 * 86_400_000 } })
    await eventually(() => space.db.get(objectId('d1')))
    const next = space.db.add({ '@type': 'task', title: 'next' })
    expect(next['@meta'].createdAt!).toBeLessThan(Date.now() + 60_000)
    expect(titles(space.db.query({ '@type': 'task' }).objects)).toBe('dated,next,future,old-a,old-b,liar')
  })
})
