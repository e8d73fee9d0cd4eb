import * as v from 'valibot'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createClient, defineType, ref, type Client, type Space } from '../../src/core.ts'
import { linkClients } from '../../src/testing/index.ts'
import { injectObject, objectId, rawDocs } from '../security/attackers.ts'
import { eventually } from './helpers.ts'

// Issue 13, typed objects: a type is declared with the app's own Standard Schema validator
// (zod 4 or valibot 1 here); writes are validated, data from peers is checked when read.
const clients: Client[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close()
})
async function client(displayName: string) {
  const c = await createClient({ storage: 'memory', signaling: false, broadcast: false, name: displayName })
  await c.createIdentity({ displayName })
  clients.push(c)
  return c
}
async function twoPeers(): Promise<{ a: Space; b: Space; bob: Client }> {
  const ada = await client('Ada')
  const bob = await client('Bob')
  const a = await ada.createSpace({ name: 'typed' })
  await a.admit({ identityKey: bob.identity!.identityKey })
  linkClients(ada, bob)
  const b = await bob.openSpace(a.address, { timeout: 10_000 })
  return { a, b, bob }
}

const Person = defineType('person', z.object({ name: z.string() }))
const Task = defineType('task', z.object({ title: z.string().min(1), done: z.boolean(), assignee: ref(Person).optional() }))
const VPerson = defineType('person', v.object({ name: v.string() }))
const VTask = defineType('task', v.object({ title: v.pipe(v.string(), v.minLength(1)), done: v.boolean(), assignee: v.optional(ref(VPerson)) }))

const invalid = (pattern: RegExp) => expect.objectContaining({ code: 'INVALID_VALUE', message: expect.stringMatching(pattern) })

describe.each([
  ['zod', Person, Task],
  ['valibot', VPerson, VTask],
] as const)('typed objects with %s', (_name, P, T) => {
  it('validates local adds and writes: a refused value names the field and writes nothing', async () => {
    const space = await (await client('Ada')).createSpace({ name: 'local' })
    const ada = space.db.add(P, { name: 'Ada' })
    const task = space.db.add(T, { title: 'Buy milk', done: false, assignee: ada })
    expect(task['@type']).toBe('task')
    expect(task.assignee?.name).toBe('Ada')
    expect(task['@meta'].typeVersion).toBe(1)
    const size = space.db.size

    expect(() => space.db.add(T, { title: 42 as unknown as string, done: false })).toThrow(invalid(/'title'/))
    expect(() => space.db.add(T, { title: '', done: false })).toThrow(invalid(/'title'/))
    expect(() => space.db.add(T, { title: 'x', done: false, assignee: task as never })).toThrow(invalid(/'assignee'.*reference to a 'person'/))
    expect(space.db.size).toBe(size)

    expect(() => ((task as { done: unknown }).done = 'yes')).toThrow(invalid(/^task: 'done'/))
    expect(() => delete (task as { title?: unknown }).title).toThrow(invalid(/'title'/))
    expect(() => ((task as { assignee: unknown }).assignee = task)).toThrow(invalid(/'assignee'/))
    task.done = true
    delete task.assignee
    await space.db.flush()
    expect(space.db.snapshotOf(task['@id'])).toMatchObject({ title: 'Buy milk', done: true })
    expect(space.db.snapshotOf(task['@id'])).not.toHaveProperty('assignee')
    expect(space.db.get(task['@id'], T)?.title).toBe('Buy milk')
    expect(space.db.get(ada['@id'], T)).toBeUndefined() // not a task
  })

  it('skips and reports objects from a peer that bypassed validation; includeInvalid keeps them flagged', async () => {
    const { a, b, bob } = await twoPeers()
    a.db.add(T, { title: 'good', done: false })
    // Bob's client skips validation: it writes straight into its Automerge document.
    const bad = objectId('bad1')
    injectObject(rawDocs(bob, b).data, bad, { '@type': 'task', '@meta': { createdAt: Date.now() }, title: 42, done: 'no' })
    await eventually(() => a.db.get(bad) !== undefined)
    const before = a.db.stats().invalidObjects
    const beforeValues = a.db.stats().invalidRemoteValues

    const q = a.db.query(T)
    expect(q.objects.map((t) => t.title)).toEqual(['good'])
    expect(q.invalid).toHaveLength(1)
    expect(q.invalid[0]!.id).toBe(bad)
    expect(q.invalid[0]!.message).toMatch(/'title'/)
    expect(q.invalid[0]!.message).toMatch(/'done'/)
    expect(a.db.stats().invalidObjects).toBe(before + 1)
    expect(a.db.stats().invalidRemoteValues).toBe(beforeValues + 1) // an invalid remote value too
    // Read again: counted once per version of the object, not per read.
    void a.db.query(T, { done: false }).objects
    expect(a.db.stats().invalidObjects).toBe(before + 1)
    expect(a.db.get(bad, T)).toBeUndefined()

    const all = a.db.query(T, undefined, { includeInvalid: true })
    expect(all.objects.map((t) => t['@id']).sort()).toEqual([bad, q.objects[0]!['@id']].sort())
    expect(all.invalid.map((i) => i.id)).toEqual([bad])
    // Untyped use sees it as before.
    expect(a.db.query({ '@type': 'task' }).objects).toHaveLength(2)

    // Repaired by a peer: it joins typed results, and leaves the invalid list.
    const fixed = a.db.get(bad)!
    fixed.title = 'fixed'
    expect(q.objects).toHaveLength(1) // done is still wrong
    fixed.done = true
    expect(q.objects.map((t) => t.title).sort()).toEqual(['fixed', 'good'])
    expect(q.invalid).toEqual([])
  })
})

describe('typed queries', () => {
  it('filter by nested paths and references, sort by fields and creation', async () => {
    const space = await (await client('Ada')).createSpace({ name: 'queries' })
    const Contact = defineType('contact', z.object({ name: z.string(), address: z.object({ city: z.string() }).optional(), friend: ref(Person).optional() }))
    const ada = space.db.add(Person, { name: 'Ada' })
    space.db.add(Contact, { name: 'b', address: { city: 'Oslo' }, friend: ada })
    space.db.add(Contact, { name: 'a', address: { city: 'Oslo' } })
    space.db.add(Contact, { name: 'c', address: { city: 'Bergen' } })
    const names = (objects: readonly { name: string }[]) => objects.map((o) => o.name).join(',')
    expect(names(space.db.query(Contact, { 'address.city': 'Oslo' }).objects)).toBe('b,a')
    expect(names(space.db.query(Contact, { 'address.city': 'Oslo' }, { sort: 'name' }).objects)).toBe('a,b')
    expect(names(space.db.query(Contact, { friend: ada }).objects)).toBe('b')
    expect(names(space.db.query(Contact, {}, { sort: ['-address.city', '-@meta.createdAt'] }).objects)).toBe('a,b,c')
  })
})

describe('schema defaults', () => {
  it('a field the schema fills in by default is stored, so reads match the type', async () => {
    const space = await (await client('Ada')).createSpace({ name: 'defaults' })
    const Note = defineType('note', z.object({ body: z.string(), pinned: z.boolean().default(false) }))
    const note = space.db.add(Note, { body: 'hi' })
    expect(note.pinned).toBe(false)
    expect(space.db.snapshotOf(note['@id'])).toMatchObject({ body: 'hi', pinned: false })
  })
})

describe('schema evolution', () => {
  const TaskV1 = defineType('task', z.object({ title: z.string(), done: z.boolean() }))
  // Version 2 of the app adds a field; objects written by version 1 get it through upgrade.
  const TaskV2 = defineType('task', z.object({ title: z.string(), done: z.boolean(), priority: z.number() }), {
    version: 2,
    upgrade: (old) => ({ ...old, priority: 0 }),
  })

  it('applies the upgrade to older objects and records the new version', async () => {
    const space = await (await client('Ada')).createSpace({ name: 'upgrade' })
    const old = space.db.add(TaskV1, { title: 'old', done: false })
    expect(old['@meta'].typeVersion).toBe(1)
    const q = space.db.query(TaskV2)
    expect(q.objects.map((t) => t.title)).toEqual(['old'])
    await eventually(() => q.objects[0]!.priority === 0)
    expect(q.objects[0]!['@meta'].typeVersion).toBe(2)
    expect(() => defineType('task', z.object({}), { version: 2 })).toThrow(invalid(/upgrade/))
  })

  it('fields unknown to one app version survive its reads and writes (two versions on two peers)', async () => {
    const { a, b } = await twoPeers()
    // Ada runs version 1, Bob version 2 (two definitions of 'task', one per client).
    const fromBob = b.db.add(TaskV2, { title: 'from bob', done: false, priority: 5 })
    const fromAda = a.db.add(TaskV1, { title: 'from ada', done: false })
    const onAda = (await eventually(() => a.db.get(fromBob["@id"], TaskV1)))!
    expect(onAda.title).toBe('from bob')
    onAda.done = true
    onAda.title = 'edited by ada'
    await eventually(() => b.db.get(fromBob['@id'])?.done === true && b.db.get(fromBob['@id'])?.title === 'edited by ada')
    expect(b.db.get(fromBob['@id'], TaskV2)?.priority).toBe(5)
    // Bob's version upgrades Ada's object (priority 0); Ada's version keeps reading it.
    await eventually(() => b.db.get(fromAda['@id'], TaskV2))
    await eventually(() => a.db.get(fromAda['@id'])?.priority === 0)
    const adaCopy = a.db.get(fromAda['@id'], TaskV1)!
    adaCopy.done = true
    await eventually(() => b.db.get(fromAda['@id'])?.done === true)
    expect(b.db.get(fromAda['@id'], TaskV2)?.priority).toBe(0)
    expect(a.db.query(TaskV1).objects.map((t) => t.title).sort()).toEqual(['edited by ada', 'from ada'])
  })
})
