import { afterEach, describe, expect, it } from 'vitest'
import { createClient, type Client } from '../../src/core.ts'
import { inspectClient } from '../../src/core/inspect/index.ts'
import { decodeSpaceAddress } from '../../src/core/space/index.ts'
import { linkClients } from '../../src/testing/index.ts'
import { attackNetwork, injectObject, objectId, rawDocs } from '../security/attackers.ts'
import { eventually } from './helpers.ts'

// The read-only diagnostics behind <EchoDevtools />: per-peer traffic, live queries with their
// listener counts, the credential chain in causal order, and refused messages with reasons
// (the last one from a modified reader over real WebRTC, against an unmodified owner).
const clients: Client[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close()
})

async function memory(name: string): Promise<Client> {
  const client = await createClient({ storage: 'memory', broadcast: false, name })
  await client.createIdentity({ displayName: name })
  clients.push(client)
  return client
}

describe('inspectClient', () => {
  it('counts bytes and messages per peer both ways from the first inspection on, and keeps a peer that left as disconnected', async () => {
    const ada = await memory('ada')
    const bob = await memory('bob')
    inspectClient(ada)
    inspectClient(bob)
    const link = linkClients(ada, bob)
    const space = await ada.createSpace({ name: 'Board' })
    await space.admit({ identityKey: bob.identity!.identityKey, role: 'editor' })
    const onBob = await bob.openSpace(space.address)
    space.db.add({ title: 'x'.repeat(5000) })
    await eventually(() => onBob.db.size === 1)
    const [toBob] = inspectClient(ada).peers()
    expect(toBob).toMatchObject({ state: 'connected', identityKey: undefined })
    // 5,000 chars went to Bob in sync messages; Bob's answers came back.
    expect(toBob!.bytesOut).toBeGreaterThan(5000)
    expect(toBob!.bytesIn).toBeGreaterThan(0)
    expect(toBob!.messagesIn).toBeGreaterThan(0)
    expect(toBob!.lastMessageAt).toBeGreaterThan(Date.now() - 60_000)
    const [toAda] = inspectClient(bob).peers()
    expect(toAda!.bytesIn).toBeGreaterThan(5000)
    link.cut()
    await eventually(() => inspectClient(ada).peers()[0]?.state === 'disconnected')
    expect(inspectClient(ada).refusals()).toEqual([])
    // Counting stops with the client; what was counted stays readable.
    await ada.close()
    expect(inspectClient(ada).peers()).toHaveLength(1)
  })

  it('lists subscribed queries with their filters, listeners and result counts', async () => {
    const ada = await memory('ada')
    const space = await ada.createSpace({ name: 'Board' })
    const person = space.db.add({ '@type': 'person', name: 'Grace' })
    space.db.add({ '@type': 'task', title: 'a', done: false, owner: person })
    space.db.add({ '@type': 'task', title: 'b', done: true })
    const look = inspectClient(ada).space(space)
    const open = space.db.query({ '@type': 'task', done: false }, { sort: 'title' })
    const mine = space.db.query({ owner: person })
    const all = space.db.query((o) => !!o)
    expect(look.liveQueries()).toEqual([]) // not subscribed: no work, not listed
    const stops = [open.subscribe(() => {}), open.subscribe(() => {}), mine.subscribe(() => {}), all.subscribe(() => {})]
    expect(look.liveQueries()).toEqual([
      { filter: '{"@type":"task","done":false}', sort: '"title"', listeners: 2, results: 1 },
      { filter: `{"owner":{"@ref":"${person['@id']}"}}`, sort: undefined, listeners: 1, results: 1 },
      { filter: 'predicate', sort: undefined, listeners: 1, results: 3 },
    ])
    stops[0]!()
    expect(look.liveQueries()[0]!.listeners).toBe(1)
    for (const stop of stops.slice(1)) stop()
    expect(look.liveQueries()).toEqual([])
  })

  it('lists the credential chain parents first, with kinds, subjects and roles', async () => {
    const ada = await memory('ada')
    const bob = await memory('bob')
    const space = await ada.createSpace({ name: 'Board' })
    await space.admit({ identityKey: bob.identity!.identityKey, role: 'editor', displayName: 'Bob' })
    await space.setRole(bob.identity!.identityKey, 'reader')
    const chain = inspectClient(ada).space(space).credentials()
    expect(chain.map((c) => [c.kind, c.role])).toEqual([
      ['space-genesis', 'owner'],
      ['member', 'editor'],
      ['member', 'reader'],
    ])
    for (let i = 1; i < chain.length; i++) {
      // Every credential builds on ones listed before it.
      const earlier = new Set(chain.slice(0, i).map((c) => c.hash))
      expect(chain[i]!.parents.every((p) => earlier.has(p))).toBe(true)
    }
    expect(chain.at(-1)).toMatchObject({ subject: bob.identity!.identityKey, role: 'reader', issuer: ada.identity!.identityKey })
    expect(inspectClient(ada).space(space).stats().invalidRemoteValues).toBe(0)
  })

  it('names the object of each invalid value a peer wrote (left out of the read model)', async () => {
    const ada = await memory('ada')
    const bob = await memory('bob')
    linkClients(ada, bob)
    const space = await ada.createSpace({ name: 'Board' })
    await space.admit({ identityKey: bob.identity!.identityKey, role: 'editor' })
    const onBob = await bob.openSpace(space.address)
    await eventually(() => onBob.status === 'ready')
    // Bob's client skips its own checks and writes a reserved key straight into the document.
    const id = objectId('c0ffee')
    injectObject(rawDocs(bob, onBob).data, id, { title: 'fine', '@evil': 1 })
    await eventually(() => space.db.get(id)?.title === 'fine')
    const notes = inspectClient(ada).space(space).recentInvalidValues()
    expect(notes.length).toBeGreaterThan(0)
    expect(notes.every((n) => n.objectId === id)).toBe(true)
    expect(space.db.stats().invalidRemoteValues).toBe(notes.length)
    expect(space.db.snapshotOf(id)!['@evil']).toBeUndefined()
  })
})

describe('inspectClient over WebRTC', () => {
  const peer = attackNetwork()

  it("records a modified reader's refused writes with reason and document, and shows the reader's proven identity", { timeout: 90_000 }, async () => {
    const ada = await peer('ada')
    const rex = await peer('rex')
    const look = inspectClient(ada)
    const space = await ada.createSpace({ name: 'Board' })
    await space.admit({ identityKey: rex.identity!.identityKey, role: 'reader' })
    const onRex = await rex.openSpace(space.address)
    const card = space.db.add({ title: 'one' })
    await eventually(() => onRex.db.get(card['@id']) && onRex.role === 'reader', 20_000)
    injectObject(rawDocs(rex, onRex).data, objectId('bad'), { title: 'planted' })
    await eventually(() => look.refusals().length > 0, 20_000)
    const { dataDocId } = decodeSpaceAddress(space.address)
    expect(look.refusals()).toContainEqual(expect.objectContaining({ reason: 'refused-by-space', type: 'sync', documentId: dataDocId }))
    expect(look.stats().refusedMessages).toBeGreaterThanOrEqual(look.refusals().length)
    const rexPeer = look.peers().find((p) => p.identityKey === rex.identity!.identityKey)
    expect(rexPeer).toMatchObject({ state: 'connected', deviceKey: rex.identity!.deviceKey })
    expect(rexPeer!.bytesOut).toBeGreaterThan(0)
    expect(space.db.get(objectId('bad'))).toBeUndefined()
  })
})
