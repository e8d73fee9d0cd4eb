import { describe, expect, it } from 'vitest'
import type { Client, EchoObject } from '../../src/core.ts'
import { eventually } from '../core/helpers.ts'
import { networkPeers } from '../support/networkPeers.ts'

// Real parts on loopback: a signaling server process, node-datachannel WebRTC, sessions.
const net = networkPeers()
const peer = (displayName: string) => net.peer(displayName)


describe('replication over WebRTC with a real signaling server', () => {
  it('three admitted peers converge on concurrent writes', async () => {
    const [ada, bob, cy] = [await peer('Ada'), await peer('Bob'), await peer('Cy')]
    const space = await ada.createSpace({ name: 'Team' })
    await space.admit({ identityKey: bob.identity!.identityKey, role: 'editor' })
    await space.admit({ identityKey: cy.identity!.identityKey, role: 'editor' })
    const sb = await bob.openSpace(space.address)
    const sc = await cy.openSpace(space.address)
    expect(sb.status).toBe('ready')
    expect(sc.status).toBe('ready')
    const shared = space.db.add({ k: 'shared', list: [] as string[] })
    await eventually(() => sb.db.get(shared['@id']) && sc.db.get(shared['@id']), 15_000)
    for (let i = 0; i < 10; i++) {
      space.db.add({ k: `a${i}` })
      sb.db.add({ k: `b${i}` })
      sc.db.add({ k: `c${i}` })
    }
    ;(sb.db.get(shared['@id'])!.list as string[]).push('b')
    ;(sc.db.get(shared['@id'])!.list as string[]).push('c')
    const dump = (c: Client) => JSON.stringify(c.getSpace(space.id)!.db.query({}, { sort: 'k' }).objects)
    await eventually(() => space.db.size === 31 && dump(ada) === dump(bob) && dump(bob) === dump(cy), 20_000)
    expect([...(shared.list as string[])].sort()).toEqual(['b', 'c'])
    expect(ada.network.getSnapshot()).toMatchObject({ status: 'online' })
    expect(ada.network.getSnapshot().peers).toBeGreaterThanOrEqual(2)
  })

  it('a peer that edits while cut off merges on rejoin', async () => {
    const [ada, bob] = [await peer('Ada'), await peer('Bob')]
    const space = await ada.createSpace({ name: 'Offline' })
    await space.admit({ identityKey: bob.identity!.identityKey })
    const sb = await bob.openSpace(space.address)
    const task = space.db.add({ title: 'x', done: false })
    await eventually(() => sb.db.get(task['@id']), 15_000)
    bob.setOnline(false)
    await eventually(() => bob.network.getSnapshot().peers === 0, 10_000)
    task.done = true
    const tb = sb.db.get(task['@id']) as EchoObject
    tb.title = 'edited offline'
    sb.db.add({ from: 'bob' })
    await new Promise((r) => setTimeout(r, 300))
    expect(space.db.query({ from: 'bob' }).objects).toHaveLength(0)
    bob.setOnline(true)
    await eventually(() => task.title === 'edited offline' && tb.done === true && space.db.query({ from: 'bob' }).objects.length === 1, 20_000)
  })

  it('a non-member who knows the space address receives nothing', async () => {
    const [ada, eve] = [await peer('Ada'), await peer('Eve')]
    const space = await ada.createSpace({ name: 'Secret' })
    space.db.add({ secret: 42 })
    await space.flush()
    const stolen = await eve.openSpace(space.address, { timeout: 4000 })
    expect(stolen.status).toBe('loading')
    expect(stolen.db.size).toBe(0)
    // They did meet: Eve's session was verified, and access control said no.
    await eventually(() => ada.stats().deniedRequests > 0, 10_000)
    // Her messages about the space were refused, and the space counts them as its own.
    await eventually(() => space.db.stats().refusedMessages > 0, 10_000)
  })

  it('a 10,000-object space syncs to a new peer', async () => {
    const [ada, bob] = [await peer('Ada'), await peer('Bob')]
    const space = await ada.createSpace({ name: 'Big' })
    for (let i = 0; i < 10_000; i++) space.db.add({ '@type': 'task', title: `Task ${i}`, done: i % 2 === 0, n: i })
    await space.flush()
    await space.admit({ identityKey: bob.identity!.identityKey })
    const sb = await bob.openSpace(space.address, { timeout: 60_000 })
    await eventually(() => sb.db.size === 10_000, 60_000)
    expect(sb.db.query({ '@type': 'task', done: true }).objects).toHaveLength(5000)
  }, 120_000)
})
