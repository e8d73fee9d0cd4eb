import { Repo } from '@automerge/automerge-repo'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { decodeSpaceAddress, EchoError, getObjectId, isEchoObject, text, type Client, type EchoObject, type Space } from '../../src/core.ts'
import { createDatabase, type DataDoc } from '../../src/core/data/index.ts'
import { memoryClient } from './helpers.ts'

let client: Client
let space: Space
beforeEach(async () => {
  client = await memoryClient()
  space = await client.createSpace({ name: 'objects' })
})
afterEach(() => client.close())

/** The space's Automerge data document as stored (call after `await space.db.flush()`). */
function committedDoc(): DataDoc {
  return client.repo.handles[decodeSpaceAddress(space.address).dataDocId as never]!.doc() as DataDoc
}

describe('live objects', () => {
  it('gets a generated, unique @id and reads back what was added', () => {
    const a = space.db.add({ '@type': 'task', title: 'Buy milk', done: false })
    const b = space.db.add({ '@type': 'task', title: 'Walk', done: false })
    expect(a['@id']).toMatch(/^[0-9a-f]{32}$/)
    expect(a['@id']).not.toBe(b['@id'])
    expect(a['@type']).toBe('task')
    expect(a.title).toBe('Buy milk')
    expect(space.db.get(a['@id'])).toBe(a)
    expect(getObjectId(a)).toBe(a['@id'])
    expect(isEchoObject(a)).toBe(true)
    expect(isEchoObject({ '@id': 'x' })).toBe(false)
  })

  it('commits writes to the Automerge document', async () => {
    const task = space.db.add({ title: 'a', done: false })
    task.done = true
    task.title = 'b'
    await space.db.flush()
    const doc = committedDoc()
    const stored = doc.objects[task['@id'].slice(0, 2)]![task['@id']]!
    expect(stored.done).toBe(true)
    expect(String(stored.title)).toBe('b')
  })

  it('makes nested objects and arrays live', async () => {
    const task = space.db.add({ tags: ['x'], address: { city: 'Bergen', geo: { lat: 1 } }, matrix: [[1], [2]] }) as EchoObject<{
      tags: string[]
      address: { city: string; geo: { lat: number } }
      matrix: number[][]
    }>
    expect(task.tags.push('y', 'z')).toBe(3)
    task.address.city = 'Oslo'
    task.address.geo.lat = 59.9
    task.matrix[1]!.push(3)
    expect(task.tags.pop()).toBe('z')
    task.tags.unshift('first')
    task.tags.splice(1, 1, 'X', 'X2')
    task.tags.reverse()
    expect(Array.isArray(task.tags)).toBe(true)
    expect(task.tags.map((t) => t.toUpperCase())).toEqual(['Y', 'X2', 'X', 'FIRST'])
    await space.db.flush()
    expect(JSON.parse(JSON.stringify(task))).toMatchObject({
      tags: ['y', 'X2', 'X', 'first'],
      address: { city: 'Oslo', geo: { lat: 59.9 } },
      matrix: [[1], [2, 3]],
    })
    // The committed document agrees with the read model.
    const doc = committedDoc()
    const stored = doc.objects[task['@id'].slice(0, 2)]![task['@id']] as Record<string, any>
    expect(stored.tags.map(String)).toEqual(['y', 'X2', 'X', 'first'])
    expect(stored.matrix[1]).toEqual([2, 3])
    delete (task.address as Record<string, unknown>).geo
    expect(Object.keys(task.address)).toEqual(['city'])
  })

  it('stores references and reads the live target, undefined once it is removed', async () => {
    const ada = space.db.add({ '@type': 'person', name: 'Ada' })
    const task = space.db.add({ title: 'Think', assignee: ada })
    expect(task.assignee).toBe(ada)
    expect((task.assignee as EchoObject).name).toBe('Ada')
    ada.name = 'Ada L.'
    expect((task.assignee as EchoObject).name).toBe('Ada L.')
    expect(JSON.parse(JSON.stringify(task)).assignee).toEqual({ '@ref': ada['@id'] })
    space.db.remove(ada)
    expect(task.assignee).toBeUndefined()
    await space.db.flush()
    expect(task.assignee).toBeUndefined()
  })

  it('follows cycles through references', () => {
    const a = space.db.add<Record<string, unknown>>({ name: 'a' })
    const b = space.db.add({ name: 'b', next: a })
    a.next = b
    a.self = a
    expect(((a.next as EchoObject).next as EchoObject).name).toBe('a')
    expect(a.self).toBe(a)
    expect(() => JSON.stringify(a)).not.toThrow()
  })

  it('arrays may hold references', () => {
    const a = space.db.add({ name: 'a' })
    const list = space.db.add({ items: [a] })
    ;(list.items as unknown[]).push(list)
    expect((list.items as EchoObject[])[0]).toBe(a)
    expect((list.items as EchoObject[])[1]).toBe(list)
  })

  it('removes objects: gone from get and queries, writes then fail with NOT_FOUND', async () => {
    const task = space.db.add({ '@type': 'task', title: 'x' })
    const q = space.db.query({ '@type': 'task' })
    expect(q.objects).toHaveLength(1)
    space.db.remove(task['@id'])
    expect(space.db.get(task['@id'])).toBeUndefined()
    expect(q.objects).toHaveLength(0)
    expect(task.title).toBeUndefined()
    expect(() => (task.title = 'y')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
    expect(() => space.db.remove(task)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
    await space.db.flush()
    expect(space.db.size).toBe(0)
  })

  it('unknown ids: get gives undefined, remove and text throw NOT_FOUND', () => {
    expect(space.db.get('0'.repeat(32))).toBeUndefined()
    expect(() => space.db.remove('nope')).toThrow(EchoError)
    expect(() => space.db.remove('nope')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
    expect(() => space.db.text('nope', 'body')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
  })

  it('everything throws CLOSED after close, and nothing crashes', async () => {
    const task = space.db.add({ title: 'x' })
    await client.close()
    expect(() => space.db.add({ a: 1 })).toThrow(expect.objectContaining({ code: 'CLOSED' }))
    expect(() => (task.title = 'y')).toThrow(expect.objectContaining({ code: 'CLOSED' }))
    expect(() => space.db.query({})).toThrow(expect.objectContaining({ code: 'CLOSED' }))
    await expect(client.createSpace({ name: 'z' })).rejects.toMatchObject({ code: 'CLOSED' })
    await expect(space.db.flush()).rejects.toMatchObject({ code: 'CLOSED' })
    expect(client.status).toBe('closed')
  })

  it('space name is live and editable', () => {
    const seen: string[] = []
    space.subscribe(() => seen.push(space.name))
    space.name = 'Renamed'
    expect(space.name).toBe('Renamed')
    expect(seen).toContain('Renamed')
  })

  it('notifies object subscribers once per task, after a burst of writes', async () => {
    const task = space.db.add({ n: 0 })
    await Promise.resolve()
    let calls = 0
    space.db.subscribeObject(task['@id'], () => calls++)
    for (let i = 1; i <= 100; i++) task.n = i
    expect(task.n).toBe(100)
    await Promise.resolve()
    expect(calls).toBe(1)
    const before = space.db.snapshotOf(task['@id'])
    task.n = 100 // same value: the snapshot keeps its identity after commit
    await Promise.resolve()
    expect(space.db.snapshotOf(task['@id'])).toEqual(before)
  })
})

describe('database control', () => {
  it('keeps owner-only operations off the public database', () => {
    for (const member of ['attach', 'detach', 'commit', 'committedDoc', 'setField', 'deleteField', 'arrayOp', 'textEdit', 'liveOf', 'subscribeStatus', 'attachQuery']) {
      expect(member in space.db, member).toBe(false)
    }
    const q = space.db.query({})
    expect('markDirty' in q || 'notifyIfChanged' in q).toBe(false)
  })

  it('attaches, commits and detaches through the control only its creator holds', async () => {
    const repo = new Repo({ network: [] })
    const handle = repo.create<DataDoc>({ objects: {} })
    const { db, control } = createDatabase('s1')
    expect(db.status).toBe('loading')
    control.attach(handle)
    expect(db.status).toBe('ready')
    const task = db.add({ title: 'a' })
    control.commit()
    expect(String(handle.doc().objects[task['@id'].slice(0, 2)]![task['@id']]!.title)).toBe('a')
    control.detach()
    expect(db.status).toBe('closed')
    expect(() => db.add({})).toThrow(expect.objectContaining({ code: 'CLOSED' }))
    await repo.shutdown()
  })

  it('counts a write dropped because a remote delete removed its target first', async () => {
    const repo = new Repo({ network: [] })
    const handle = repo.create<DataDoc>({ objects: {} })
    const { db, control } = createDatabase('s1')
    control.attach(handle)
    const task = db.add({ address: { city: 'Oslo' } }) as EchoObject<{ address: { city: string } }>
    control.commit()
    const id = task['@id']
    task.address.city = 'Bergen' // pending until the end of the task
    handle.change((d) => {
      delete d.objects[id.slice(0, 2)]![id]!.address // a peer's change lands first
    })
    control.commit()
    expect(db.stats().droppedOps).toBe(1)
    expect(db.droppedOps).toBe(1)
    expect(task.address).toBeUndefined() // the read model follows the document again
    control.detach()
    await repo.shutdown()
  })
})

describe('collaborative text', () => {
  it('reads as a string, edits by splice, keeps cursors', async () => {
    const note = space.db.add({ body: text('Hello world') })
    expect(note.body).toBe('Hello world')
    const body = space.db.text(note, 'body')
    const caret = body.cursor(6) // before 'world'
    body.splice(0, 0, 'Oh, ')
    expect(body.value).toBe('Oh, Hello world')
    expect(body.position(caret)).toBe(10)
    note.body = 'Oh, Hello brave world'
    expect(body.value).toBe('Oh, Hello brave world')
    await space.db.flush()
    // The caret stays on the 'w' it was placed before, after text was inserted ahead of it.
    expect(body.position(caret)).toBe(16)
    expect(body.value[16]).toBe('w')
  })

  it('gives the end of the text for a cursor it cannot resolve, and counts it', () => {
    const note = space.db.add({ body: text('Hello') })
    const body = space.db.text(note, 'body')
    expect(space.db.stats().unresolvedCursors).toBe(0)
    expect(body.position('not-a-cursor')).toBe(5)
    expect(space.db.stats().unresolvedCursors).toBe(1)
  })

  it('upgrades a plain string field to text on first splice', () => {
    const note = space.db.add({ body: 'plain' })
    const body = space.db.text(note, 'body')
    body.splice(5, 0, '!')
    expect(note.body).toBe('plain!')
  })
})
