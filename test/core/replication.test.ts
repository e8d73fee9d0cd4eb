import { afterEach, describe, expect, it } from 'vitest'
import { text, type Client, type EchoObject } from '../../src/core.ts'
import { eventually, link, memoryClient } from './helpers.ts'

const clients: Client[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close()
})

async function peers(n: number) {
  const out: Client[] = []
  for (let i = 0; i < n; i++) out.push(await memoryClient(`peer${i}`))
  clients.push(...out)
  return out
}

function state(client: Client, spaceId: string) {
  return client
    .getSpace(spaceId)!
    .db.query({}, { sort: 'k' })
    .objects.map((o) => JSON.stringify(o))
}

describe('replication between clients (in-process links)', () => {
  it('three clients converge on concurrent writes', async () => {
    const [a, b, c] = await peers(3)
    link(a!, b!)
    link(b!, c!)
    const space = await a!.createSpace({ name: 'shared' })
    const sb = await b!.openSpace(space.address)
    const sc = await c!.openSpace(space.address)
    expect(sb.status).toBe('ready')
    expect(sc.status).toBe('ready')
    const shared = space.db.add({ k: 'shared', n: 0, list: [] as string[] })
    await eventually(() => sb.db.get(shared['@id']) && sc.db.get(shared['@id']))
    for (let i = 0; i < 20; i++) {
      space.db.add({ k: `a${i}` })
      sb.db.add({ k: `b${i}` })
      sc.db.add({ k: `c${i}` })
    }
    ;(shared.list as string[]).push('from-a')
    ;(sb.db.get(shared['@id'])!.list as string[]).push('from-b')
    ;(sc.db.get(shared['@id'])!.list as string[]).push('from-c')
    sb.db.get(shared['@id'])!.n = 2
    sc.db.get(shared['@id'])!.n = 3
    await eventually(() => space.db.size === 61 && sb.db.size === 61 && sc.db.size === 61)
    await eventually(() => {
      const [x, y, z] = [state(a!, space.id), state(b!, space.id), state(c!, space.id)]
      return JSON.stringify(x) === JSON.stringify(y) && JSON.stringify(y) === JSON.stringify(z)
    })
    expect([...(shared.list as string[])].sort()).toEqual(['from-a', 'from-b', 'from-c'])
    expect([2, 3]).toContain(shared.n)
    expect(sb.name).toBe('shared')
  })

  it('edits made while disconnected, on both sides, merge on reconnect', async () => {
    const [a, b] = await peers(2)
    const l = link(a!, b!)
    const space = await a!.createSpace({ name: 'offline' })
    const sb = await b!.openSpace(space.address)
    const task = space.db.add({ title: 'x', done: false, note: text('base') })
    await eventually(() => sb.db.get(task['@id']))
    l.cut()
    task.done = true
    space.db.text(task, 'note').splice(0, 0, 'A:')
    space.db.add({ from: 'a' })
    const tb = sb.db.get(task['@id'])!
    tb.title = 'y'
    sb.db.text(tb, 'note').splice(4, 0, ':B')
    sb.db.add({ from: 'b' })
    await new Promise((r) => setTimeout(r, 100))
    expect(sb.db.query({ from: 'a' }).objects).toHaveLength(0)
    l.restore()
    await eventually(() => space.db.size === 3 && sb.db.size === 3)
    await eventually(() => tb.done === true && task.title === 'y' && task.note === tb.note && task.note === 'A:base:B')
  })

  it('concurrent text edits interleave character by character', async () => {
    const [a, b] = await peers(2)
    const l = link(a!, b!)
    const space = await a!.createSpace({ name: 'text' })
    const sb = await b!.openSpace(space.address)
    const doc = space.db.add({ body: text('The fox') })
    await eventually(() => sb.db.get(doc['@id']))
    l.cut()
    space.db.text(doc, 'body').splice(4, 0, 'quick ')
    sb.db.text(doc['@id'], 'body').splice(7, 0, ' jumps')
    l.restore()
    await eventually(() => doc.body === 'The quick fox jumps' && sb.db.get(doc['@id'])!.body === 'The quick fox jumps')
  })

  it('edit vs delete resolves the same way on every peer', async () => {
    const [a, b] = await peers(2)
    const l = link(a!, b!)
    const space = await a!.createSpace({ name: 'edit-delete' })
    const sb = await b!.openSpace(space.address)
    const task = space.db.add({ '@type': 'task', title: 'x' })
    await eventually(() => sb.db.get(task['@id']))
    l.cut()
    space.db.remove(task)
    const tb = sb.db.get(task['@id']) as EchoObject
    tb.title = 'edited offline'
    l.restore()
    await eventually(() => sb.db.get(task['@id']) === undefined)
    expect(space.db.get(task['@id'])).toBeUndefined()
    expect(sb.db.query({ '@type': 'task' }).objects).toHaveLength(0)
    expect(space.db.query({ '@type': 'task' }).objects).toHaveLength(0)
  })

  it('remote changes notify queries and object subscribers', async () => {
    const [a, b] = await peers(2)
    link(a!, b!)
    const space = await a!.createSpace({ name: 'notify' })
    const sb = await b!.openSpace(space.address)
    const q = sb.db.query({ '@type': 'task', done: false })
    let calls = 0
    q.subscribe(() => calls++)
    const task = space.db.add({ '@type': 'task', done: false })
    await eventually(() => q.objects.length === 1)
    const before = calls
    task.done = true
    await eventually(() => q.objects.length === 0)
    expect(calls).toBeGreaterThan(before)
  })
})
