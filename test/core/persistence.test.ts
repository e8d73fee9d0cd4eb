import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createClient, text, type EchoObject, type StorageOption } from '../../src/core.ts'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function tempDir() {
  const d = mkdtempSync(join(tmpdir(), 'echo-kit-'))
  dirs.push(d)
  return d
}

async function roundTrip(storage: () => StorageOption, name?: string) {
  const first = await createClient({ storage: storage(), name, broadcast: false })
  const me = await first.createIdentity({ displayName: 'Ada' })
  const space = await first.createSpace({ name: 'Persisted' })
  const person = space.db.add({ '@type': 'person', name: 'Ada' })
  const task = space.db.add({ '@type': 'task', title: 'Milk', assignee: person, tags: ['a'], notes: text('hello') })
  task.tags.push('b')
  space.db.text(task, 'notes').splice(5, 0, ' world')
  const gone = space.db.add({ '@type': 'task', title: 'gone' })
  space.db.remove(gone)
  await space.db.flush()
  await first.close()

  const second = await createClient({ storage: storage(), name, broadcast: false })
  expect(second.identity).toEqual(me)
  const again = second.getSpace(space.id)!
  expect(again).toBeDefined()
  await again.whenReady()
  expect(again.name).toBe('Persisted')
  expect(again.members.map((m) => m.identityKey)).toEqual([me.identityKey])
  const tasks = again.db.query({ '@type': 'task' }).objects
  expect(tasks).toHaveLength(1)
  const t = tasks[0]!
  expect(t.title).toBe('Milk')
  expect((t.assignee as EchoObject).name).toBe('Ada')
  expect([...(t.tags as string[])]).toEqual(['a', 'b'])
  expect(t.notes).toBe('hello world')
  // The text field is still collaborative text after reload.
  const notes = again.db.text(t, 'notes')
  const cursor = notes.cursor(5)
  notes.splice(0, 0, '> ')
  expect(notes.position(cursor)).toBe(7)
  // Each space loads from storage on its own: wait for all of them before reading names.
  await Promise.all(second.spaces.map((s) => s.whenReady()))
  expect(second.spaces.map((s) => s.name).sort()).toEqual(['Persisted', 'Personal'])
  await second.close()
}

describe('persistence', () => {
  it('files: identity, spaces, objects, references and text survive a reopen', async () => {
    const dir = tempDir()
    await roundTrip(() => ({ directory: dir }))
  })

  it('IndexedDB: the same survives a reopen with the same name', async () => {
    await roundTrip(() => 'indexeddb', 'persist-idb')
  })

  it('two clients with different names coexist on one IndexedDB', async () => {
    const a = await createClient({ storage: 'indexeddb', name: 'alice', broadcast: false })
    const b = await createClient({ storage: 'indexeddb', name: 'bob', broadcast: false })
    await a.createIdentity({ displayName: 'Alice' })
    await b.createIdentity({ displayName: 'Bob' })
    expect(a.identity!.identityKey).not.toBe(b.identity!.identityKey)
    await a.close()
    await b.close()
    const a2 = await createClient({ storage: 'indexeddb', name: 'alice', broadcast: false })
    expect(a2.identity!.displayName).toBe('Alice')
    await a2.close()
  })

  it('a left space is gone after reopen', async () => {
    const dir = tempDir()
    const c = await createClient({ storage: { directory: dir } })
    await c.createIdentity({ displayName: 'Ada' })
    const space = await c.createSpace({ name: 'temp' })
    space.db.add({ x: 1 })
    await space.flush()
    await space.leave()
    expect(c.getSpace(space.id)).toBeUndefined()
    expect(space.status).toBe('closed')
    await c.close()
    const c2 = await createClient({ storage: { directory: dir } })
    expect(c2.getSpace(space.id)).toBeUndefined()
    expect(c2.spaces).toHaveLength(1)
    await c2.close()
  })

  it('refuses corrupt stored client state without overwriting it', async () => {
    const { MemoryStorageAdapter } = await import('../../src/core.ts')
    const storage = new MemoryStorageAdapter()
    await storage.save(['echo-kit', 'client'], new TextEncoder().encode('{not json'))
    await expect(createClient({ storage })).rejects.toMatchObject({ code: 'STORAGE_FAILED' })
    expect(new TextDecoder().decode(await storage.load(['echo-kit', 'client']))).toBe('{not json')
  })

  it('unknown storage option is a typed error', async () => {
    await expect(createClient({ storage: 'floppy' as never })).rejects.toMatchObject({ code: 'STORAGE_FAILED' })
  })
})
