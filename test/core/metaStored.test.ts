import * as A from '@automerge/automerge'
import type { DocHandle } from '@automerge/automerge-repo'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineType, type Client, type Space } from '../../src/core.ts'
import { linkClients } from '../../src/testing/index.ts'
import { objectId, rawDocs } from '../security/attackers.ts'
import { eventually, testClients } from './helpers.ts'

// Issue 14, "stored layout": `@meta` is stored flat in the object's own Automerge map
// (`@meta.createdAt`, `@meta.createdBy`, ...), not as a nested map per object (a third of a
// space's ops). The public shape is unchanged: `obj['@meta']` and snapshots hold one `@meta`.
// Documents that still hold the nested form (older versions, older peers) read the same.
const { clients, dirs, client } = testClients()

/** The stored object `id` as Automerge holds it (committed). */
function stored(client: Client, space: Space, id: string): Record<string, unknown> {
  space.commit()
  const doc = rawDocs(client, space).data.doc()
  return doc.objects[id.slice(0, 2)][id]
}

/** Writes an object into a data document exactly as given (no `@id` field), as another version would. */
function writeRaw(data: DocHandle<any>, id: string, value: Record<string, unknown>): void {
  data.change((d: any) => {
    const bucket = id.slice(0, 2)
    if (!d.objects[bucket]) d.objects[bucket] = {}
    d.objects[bucket][id] = value
  })
}

/** The version-1 layout: `@meta` as a nested map, strings atomic (what the previous release wrote). */
function nestedObject(title: string, createdAt: number, createdBy: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@type': new A.ImmutableString('task'),
    '@meta': { createdAt, createdBy: new A.ImmutableString(createdBy), ...extra },
    title: new A.ImmutableString(title),
    done: false,
  }
}

const TaskV1 = defineType('task', z.object({ title: z.string(), done: z.boolean() }))
const TaskV2 = defineType('task', z.object({ title: z.string(), done: z.boolean(), priority: z.number() }), {
  version: 2,
  upgrade: (old) => ({ ...old, priority: 0 }),
})

describe('@meta stored flat', () => {
  it('is stored as reserved top-level keys, no nested map; reads as one @meta', async () => {
    const ada = await client('Ada')
    const space = await ada.createSpace({ name: 'flat' })
    const task = space.db.add({ '@type': 'task', title: 'a', '@meta': { keys: [{ source: 'crm', id: '42' }] } })
    const typed = space.db.add(TaskV1, { title: 't', done: false })
    const written = space.db.snapshotOf(task['@id'])
    const raw = stored(ada, space, task['@id'])
    // Read back from the flat keys after the commit, the snapshot equals what the write made (kept as is).
    expect(space.db.snapshotOf(task['@id'])).toBe(written)
    expect(Object.keys(raw).sort()).toEqual(['@meta.createdAt', '@meta.createdBy', '@meta.keys', '@type', 'title'])
    expect(raw['@meta']).toBeUndefined()
    expect(raw['@meta.createdAt']).toBe(task['@meta'].createdAt)
    expect(String(raw['@meta.createdBy'])).toBe(ada.identity!.identityKey)
    expect(Object.keys(stored(ada, space, typed['@id'])).filter((k) => k.startsWith('@meta')).sort()).toEqual(['@meta.createdAt', '@meta.createdBy', '@meta.typeVersion'])
    // The public shape: one @meta, same in the snapshot, the live object and JSON.
    const meta = { createdAt: task['@meta'].createdAt, createdBy: ada.identity!.identityKey, keys: [{ source: 'crm', id: '42' }] }
    expect(space.db.snapshotOf(task['@id'])!['@meta']).toEqual(meta)
    expect(JSON.parse(JSON.stringify(task['@meta']))).toEqual(meta)
    expect(JSON.parse(JSON.stringify(task))['@meta']).toEqual(meta)
    expect(typed['@meta'].typeVersion).toBe(1)
    // Ops per object: no map object for @meta (an object of 3 fields + 2 meta keys is 1 make + 5 puts).
    const doc = rawDocs(ada, space).data.doc()
    const before = A.stats(doc).numOps
    space.db.add({ x: 1 })
    space.commit()
    expect(A.stats(rawDocs(ada, space).data.doc()).numOps - before).toBe(1 + 1 + 2)
  })

  it('the stored keys are reserved: not writable, not deletable, not listed, not addable', async () => {
    const ada = await client('Ada')
    const space = await ada.createSpace({ name: 'reserved' })
    const task = space.db.add({ '@type': 'task', title: 'a' }) as any
    const at = task['@meta'].createdAt
    for (const key of ['@meta.createdAt', '@meta.createdBy', '@meta.createdTick', '@meta.other']) {
      expect(() => (task[key] = 1)).toThrow(expect.objectContaining({ code: 'RESERVED_KEY' }))
      expect(() => delete task[key]).toThrow(expect.objectContaining({ code: 'RESERVED_KEY' }))
      expect(() => space.db.add({ title: 'b', [key]: 1 })).toThrow(expect.objectContaining({ code: 'RESERVED_KEY' }))
      expect(() => space.db.add({ title: 'b', '@meta': { nested: { [key]: 1 } } })).toThrow(expect.objectContaining({ code: 'RESERVED_KEY' }))
      expect(key in task).toBe(false)
      expect(task[key]).toBeUndefined()
    }
    expect(Object.keys(task)).toEqual(['@id', '@type', 'title'])
    expect(Object.keys({ ...task })).toEqual(['@id', '@type', 'title'])
    expect(task['@meta'].createdAt).toBe(at)
    expect(stored(ada, space, task['@id'])['@meta.createdAt']).toBe(at)
    expect(space.db.stats().droppedOps).toBe(0)
  })

  it('a document holding the nested form (previous version) reads the same, also after a reload, and sorts by its createdAt', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'echo-meta-stored-'))
    dirs.push(dir)
    const ada = await client('Ada', { directory: dir })
    const space = await ada.createSpace({ name: 'legacy' })
    const flat = space.db.add({ '@type': 'task', title: 'flat', done: false })
    const at = flat['@meta'].createdAt!
    const id = objectId('1e9')
    const before = space.db.stats().invalidRemoteValues
    writeRaw(rawDocs(ada, space).data, id, nestedObject('nested', at - 1000, 'older-key', { keys: ['x'] }))
    await eventually(() => space.db.get(id))
    const expected = { createdAt: at - 1000, createdBy: 'older-key', keys: ['x'] }
    expect(JSON.parse(JSON.stringify(space.db.get(id)!['@meta']))).toEqual(expected)
    expect(Object.keys(space.db.snapshotOf(id)!)).toEqual(['@meta', '@type', 'done', 'title'])
    expect(space.db.stats().invalidRemoteValues).toBe(before)
    const titles = () => space.db.query({ '@type': 'task' }, { sort: '@meta.createdAt' }).objects.map((o) => o.title).join(',')
    expect(titles()).toBe('nested,flat')

    await space.db.flush()
    const spaceId = space.id
    await ada.close()
    clients.splice(clients.indexOf(ada), 1)
    const again = await client('Ada', { directory: dir })
    const reopened = again.getSpace(spaceId)!
    await reopened.whenReady()
    expect(JSON.parse(JSON.stringify(reopened.db.get(id)!['@meta']))).toEqual(expected)
    expect(reopened.db.query({ '@type': 'task' }, { sort: '-@meta.createdAt' }).objects.map((o) => o.title).join(',')).toBe('flat,nested')
    expect(reopened.db.stats().invalidRemoteValues).toBe(0)
  })

  it('an upgrade rewrites a nested @meta as flat keys; a patch on a flat key refreshes @meta; undo puts the nested map back', async () => {
    const ada = await client('Ada')
    const space = await ada.createSpace({ name: 'upgrade' })
    const id = objectId('0bd')
    const data = rawDocs(ada, space).data
    writeRaw(data, id, nestedObject('old', 1_700_000_000_000, 'k', { typeVersion: 1 }))
    await eventually(() => space.db.get(id))
    const seen: (ReadonlySet<string> | null)[] = []
    space.db.subscribeObject(id, (keys) => seen.push(keys))
    const q = space.db.query(TaskV2)
    await eventually(() => q.objects[0]?.priority === 0)
    const obj = q.objects[0]!
    expect(obj['@meta']).toEqual({ createdAt: 1_700_000_000_000, createdBy: 'k', typeVersion: 2 })
    const raw = stored(ada, space, id)
    expect(raw['@meta']).toBeUndefined()
    expect([raw['@meta.createdAt'], String(raw['@meta.createdBy']), raw['@meta.typeVersion']]).toEqual([1_700_000_000_000, 'k', 2])
    expect(seen.some((keys) => keys === null || keys.has('@meta'))).toBe(true)

    // A change to one flat key from elsewhere (here: straight into the document) refreshes @meta.
    seen.length = 0
    data.change((d: any) => {
      d.objects[id.slice(0, 2)][id]['@meta.createdBy'] = new A.ImmutableString('k2')
    })
    await eventually(() => space.db.get(id)!['@meta'].createdBy === 'k2')
    expect(seen).toContainEqual(new Set(['@meta']))
    expect(space.db.snapshotOf(id)!['@meta']).toEqual({ createdAt: 1_700_000_000_000, createdBy: 'k2', typeVersion: 2 })

    // Undo of the upgrade step, one part per stored key: the nested map and version 1 come back;
    // createdBy, changed by someone else since, is skipped (as any such field) and still wins.
    const result = space.db.undo({ object: id, field: '@meta' })
    expect(result).toMatchObject({ done: true, skipped: 1 })
    expect(result.applied).toBeGreaterThanOrEqual(2)
    expect(space.db.snapshotOf(id)!['@meta']).toEqual({ createdAt: 1_700_000_000_000, createdBy: 'k2', typeVersion: 1 })
    const back = stored(ada, space, id)
    expect(Object.keys(back).filter((k) => k.startsWith('@meta')).sort()).toEqual(['@meta', '@meta.createdBy'])
  })
})

describe('@meta stored flat, from a modified peer', () => {
  it('bad values in the flat keys are left out and counted, exactly as in the nested form; the rest reads', async () => {
    const ada = await client('Ada')
    const mal = await client('Mal')
    const space = await ada.createSpace({ name: 'hostile' })
    await space.admit({ identityKey: mal.identity!.identityKey, role: 'editor' })
    linkClients(ada, mal)
    const onMal = await mal.openSpace(space.address, { timeout: 10_000 })
    const good = onMal.db.add({ '@type': 'task', title: 'good' })
    await eventually(() => space.db.get(good['@id']))
    const before = space.db.stats().invalidRemoteValues

    // Mal writes straight into its data document (skipping its own checks).
    const flatId = objectId('f1a')
    const nestedId = objectId('e57')
    const bad = { createdAt: 'yesterday', createdBy: 7, createdTick: -1, typeVersion: 0 }
    writeRaw(rawDocs(mal, onMal).data, flatId, {
      title: new A.ImmutableString('flat liar'),
      ...Object.fromEntries(Object.entries(bad).map(([k, v]) => [`@meta.${k}`, v])),
      '@meta.@evil': 1,
      '@meta.deep': { a: { b: 1 } },
      '@meta.ok': new A.ImmutableString('kept'),
    })
    writeRaw(rawDocs(mal, onMal).data, nestedId, { title: new A.ImmutableString('nested liar'), '@meta': { ...bad, '@evil': 1, deep: { a: { b: 1 } }, ok: new A.ImmutableString('kept') } })
    await eventually(() => space.db.get(flatId) && space.db.get(nestedId))
    // Both forms read alike: the four engine keys and the reserved key left out, 5 each.
    expect(space.db.snapshotOf(flatId)!['@meta']).toEqual({ deep: { a: { b: 1 } }, ok: 'kept' })
    expect(space.db.snapshotOf(nestedId)!['@meta']).toEqual({ deep: { a: { b: 1 } }, ok: 'kept' })
    expect(space.db.stats().invalidRemoteValues).toBe(before + 10)
    expect(space.db.get(flatId)!.title).toBe('flat liar')

    // A later garbage write to one flat key of a good object: that key is left out, the rest stays.
    const at = good['@meta'].createdAt
    const counted = space.db.stats().invalidRemoteValues
    rawDocs(mal, onMal).data.change((d: any) => {
      d.objects[good['@id'].slice(0, 2)][good['@id']]['@meta.createdBy'] = { not: 'a key' }
    })
    await eventually(() => space.db.get(good['@id'])!['@meta'].createdBy === undefined)
    expect(space.db.get(good['@id'])!['@meta'].createdAt).toBe(at)
    expect(space.db.stats().invalidRemoteValues).toBe(counted + 1)
    // Sorting and queries keep working.
    expect(space.db.query({}, { sort: '@meta.createdAt' }).objects.length).toBe(3)
  })
})
