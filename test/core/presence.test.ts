import { afterEach, describe, expect, it } from 'vitest'
import type { Client, PresencePeer } from '../../src/core.ts'
import { EchoError, MAX_PRESENCE_BYTES } from '../../src/core.ts'
import { decodeSpaceAddress } from '../../src/core/space/index.ts'
import { linkClients } from '../../src/testing/index.ts'
import { eventually, memoryClient } from './helpers.ts'

// Presence over in-process links (trusted like tabs of one device, see linkClients): the
// API, the JSON and size rules, joins, updates and leaves. The attacks (non-members,
// spoofed identities) run over real sessions in test/security/presence.test.ts.
const clients: Client[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close()
})

async function shared(names: string[]) {
  const all = await Promise.all(names.map((n) => memoryClient(n)))
  clients.push(...all)
  const [host, ...guests] = all
  const space = await host!.createSpace({ name: 'Room' })
  for (const g of guests) await space.admit({ identityKey: g.identity!.identityKey, displayName: g.identity!.displayName })
  const links = guests.map((g) => linkClients(host!, g))
  const spaces = [space, ...(await Promise.all(guests.map((g) => g.openSpace(space.address))))]
  return { clients: all, spaces, links }
}

const names = (peers: readonly PresencePeer[]) => peers.map((p) => p.displayName).sort()

describe('space.presence', () => {
  it('sends nothing while no device uses presence; one device using it brings the others in', async () => {
    const { clients: [ada, bob], spaces: [a, b] } = await shared(['Ada', 'Bob'])
    let messages = 0
    for (const c of [ada!, bob!]) {
      const handle = c.repo.handles[decodeSpaceAddress(a!.address).dataDocId as never]!
      handle.on('ephemeral-message', () => messages++)
    }
    a!.db.add({ title: 'synced' })
    await eventually(() => b!.db.size === 1)
    // Longer than two heartbeats: nobody asked for presence, so nobody announced itself.
    await new Promise((r) => setTimeout(r, 2_500))
    expect(messages).toBe(0)
    // Only Bob's app uses presence (subscribes); Ada's device answers once Bob's arrives.
    const off = b!.presence.subscribe(() => {})
    await eventually(() => b!.presence.getSnapshot().peers.length === 1)
    expect(b!.presence.getSnapshot().peers[0]!.displayName).toBe('Ada')
    expect(messages).toBeGreaterThan(0)
    off()
  })

  it('two peers see each other with identity, device, name and state; updates arrive; the snapshot changes only with content', async () => {
    const { clients: [ada, bob], spaces: [a, b] } = await shared(['Ada', 'Bob'])
    await eventually(() => a!.presence.peers.length === 1 && b!.presence.peers.length === 1)
    const seenByA = a!.presence.peers[0]!
    expect(seenByA).toMatchObject({ identityKey: bob!.identity!.identityKey, deviceKey: bob!.identity!.deviceKey, displayName: 'Bob', state: null })
    expect(seenByA.lastSeen).toBeGreaterThan(Date.now() - 10_000)
    expect(b!.presence.peers[0]!.displayName).toBe('Ada')
    expect(b!.presence.peers[0]!.identityKey).toBe(ada!.identity!.identityKey)

    b!.presence.setPresence({ viewing: 'task-1' })
    expect(b!.presence.state).toEqual({ viewing: 'task-1' })
    await eventually(() => (a!.presence.peers[0]?.state as { viewing?: string } | null)?.viewing === 'task-1')
    b!.presence.setPresence((s) => ({ ...(s as object), selection: [1, 2] }))
    await eventually(() => JSON.stringify(a!.presence.peers[0]?.state) === '{"viewing":"task-1","selection":[1,2]}')

    // Same content, same snapshot: setting an equal state does not notify.
    const before = b!.presence.getSnapshot()
    let calls = 0
    const off = b!.presence.subscribe(() => calls++)
    b!.presence.setPresence({ viewing: 'task-1', selection: [1, 2] })
    expect(b!.presence.getSnapshot()).toBe(before)
    expect(calls).toBe(0)
    off()
    // The state handed out is frozen; the caller's own object is not.
    const mine = { viewing: 'x' }
    b!.presence.setPresence(mine)
    expect(Object.isFrozen(b!.presence.state)).toBe(true)
    expect(Object.isFrozen(mine)).toBe(false)
  })

  it('refuses non-JSON and oversize state with typed errors, and shares nothing then', async () => {
    const { spaces: [a] } = await shared(['Ada'])
    const p = a!.presence
    p.setPresence({ ok: true })
    for (const bad of [{ when: new Date() }, { n: NaN }, { f: () => 1 }, { u: undefined as unknown as null }, new Map() as unknown as null]) {
      expect(() => p.setPresence(bad as never)).toThrow(EchoError)
      try {
        p.setPresence(bad as never)
      } catch (e) {
        expect((e as EchoError).code).toBe('INVALID_VALUE')
      }
    }
    const big = 'x'.repeat(MAX_PRESENCE_BYTES)
    expect(() => p.setPresence({ big })).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }))
    expect(p.state).toEqual({ ok: true })
    // Just under the cap is fine.
    p.setPresence('y'.repeat(MAX_PRESENCE_BYTES - 2))
    expect((p.state as string).length).toBe(MAX_PRESENCE_BYTES - 2)
  })

  it('three peers: each sees the other two; a closed peer leaves everyone within 5 s', async () => {
    const { clients: [, , cy], spaces: [a, b, c] } = await shared(['Ada', 'Bob', 'Cy'])
    // Bob and Cy are linked only through Ada: presence is relayed over trusted links.
    await eventually(() => [a, b, c].every((s) => s!.presence.peers.length === 2), 10_000)
    expect(names(a!.presence.peers)).toEqual(['Bob', 'Cy'])
    expect(names(b!.presence.peers)).toEqual(['Ada', 'Cy'])
    expect(names(c!.presence.peers)).toEqual(['Ada', 'Bob'])
    c!.presence.setPresence({ typing: true })
    await eventually(() => b!.presence.peers.find((p) => p.displayName === 'Cy')?.state !== null)

    const closedAt = Date.now()
    await cy!.close()
    clients.splice(clients.indexOf(cy!), 1)
    await eventually(() => a!.presence.peers.length === 1 && b!.presence.peers.length === 1, 5_000)
    expect(Date.now() - closedAt).toBeLessThan(5_000)
    expect(names(b!.presence.peers)).toEqual(['Ada'])
  })

  it('a peer that goes offline (link cut, no goodbye) leaves within 5 s and comes back when it reconnects', async () => {
    const { spaces: [a, b], links: [link] } = await shared(['Ada', 'Bob'])
    await eventually(() => a!.presence.peers.length === 1)
    link!.cut()
    const cutAt = Date.now()
    await eventually(() => a!.presence.peers.length === 0 && b!.presence.peers.length === 0, 5_000)
    expect(Date.now() - cutAt).toBeLessThan(5_000)
    link!.restore()
    await eventually(() => a!.presence.peers.length === 1 && b!.presence.peers.length === 1, 10_000)
  })

  it('a removed member leaves presence at once; a space that closes stops presence', async () => {
    const { clients: [, bob], spaces: [a, b] } = await shared(['Ada', 'Bob'])
    await eventually(() => a!.presence.peers.length === 1)
    await a!.removeMember(bob!.identity!.identityKey)
    expect(a!.presence.peers).toEqual([])
    await b!.leave()
    expect(() => b!.presence.setPresence({})).toThrow(expect.objectContaining({ code: 'CLOSED' }))
    expect(b!.presence.peers).toEqual([])
  })

  it('drops and counts presence from a linked client that is not a member', async () => {
    const { spaces: [a] } = await shared(['Ada'])
    const eve = await memoryClient('Eve')
    clients.push(eve)
    // Eve knows the address but was never admitted; the link trusts her like a tab of Ada's.
    linkClients(clients[0]!, eve)
    const onEve = await eve.openSpace(a!.address)
    onEve.presence.setPresence({ hi: 1 })
    await eventually(() => a!.presence.stats().dropped > 0, 10_000)
    expect(a!.presence.peers).toEqual([])
  })
})
