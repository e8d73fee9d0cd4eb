import { describe, expect, it } from 'vitest'
import type { Client, PresencePeer, Space } from '../../src/core.ts'
import { MAX_PRESENCE_BYTES } from '../../src/core.ts'
import { eventually, memoryClient } from '../core/helpers.ts'
import { attackNetwork, dropOwnChecks, rawDocs, settle } from './attackers.ts'

// Presence over the real thing: a signaling server process and node-datachannel WebRTC on
// 127.0.0.1, every peer in an authenticated session. Who an entry is comes from the session's
// proven device key, never from the message; non-members are never shown. The attackers are
// ordinary clients that write raw ephemeral messages through their own Repo handles.
const peer = attackNetwork()

const names = (peers: readonly PresencePeer[]) => peers.map((p) => p.displayName).sort()

async function room(members: string[]): Promise<{ clients: Client[]; spaces: Space[] }> {
  const all: Client[] = []
  for (const name of members) all.push(await peer(name))
  const space = await all[0]!.createSpace({ name: 'Room' })
  // Named as an invitation names them: the name shown is the one the credentials carry.
  for (const c of all.slice(1)) await space.admit({ identityKey: c.identity!.identityKey, displayName: c.identity!.displayName })
  const spaces = [space]
  for (const c of all.slice(1)) spaces.push(await c.openSpace(space.address))
  return { clients: all, spaces }
}

describe('presence over authenticated WebRTC sessions', () => {
  it('two peers: join with proven identity and credential name, update, leave within 5 s of closing', { timeout: 90_000 }, async () => {
    const { clients: [ada, bob], spaces: [a, b] } = await room(['ada', 'bob'])
    await eventually(() => a!.presence.peers.length === 1 && b!.presence.peers.length === 1, 30_000)
    expect(a!.presence.peers[0]).toMatchObject({ identityKey: bob!.identity!.identityKey, deviceKey: bob!.identity!.deviceKey, displayName: 'bob' })
    expect(b!.presence.peers[0]).toMatchObject({ identityKey: ada!.identity!.identityKey, deviceKey: ada!.identity!.deviceKey, displayName: 'ada' })
    b!.presence.setPresence({ viewing: 'obj-1' })
    await eventually(() => JSON.stringify(a!.presence.peers[0]?.state) === '{"viewing":"obj-1"}', 10_000)

    const closedAt = Date.now()
    await bob!.close()
    await eventually(() => a!.presence.peers.length === 0, 5_000)
    expect(Date.now() - closedAt).toBeLessThan(5_000)
  })

  it('three peers: everyone sees the other two; one going offline leaves the others within 5 s', { timeout: 120_000 }, async () => {
    const { clients: [, , cy], spaces: [a, b, c] } = await room(['ada', 'bob', 'cy'])
    await eventually(() => [a, b, c].every((s) => s!.presence.peers.length === 2), 40_000)
    expect(names(a!.presence.peers)).toEqual(['bob', 'cy'])
    expect(names(b!.presence.peers)).toEqual(['ada', 'cy'])
    expect(names(c!.presence.peers)).toEqual(['ada', 'bob'])
    a!.presence.setPresence({ caret: 3 })
    await eventually(() => [b, c].every((s) => (s!.presence.peers.find((p) => p.displayName === 'ada')?.state as { caret?: number })?.caret === 3), 10_000)

    const offlineAt = Date.now()
    cy!.setOnline(false)
    await eventually(() => a!.presence.peers.length === 1 && b!.presence.peers.length === 1, 5_000)
    expect(Date.now() - offlineAt).toBeLessThan(5_000)
    // Relays of other peers' ephemeral messages are not sent, so nobody counted any as refused.
    expect(a!.presence.stats().dropped).toBe(0)
  })

  it('a non-member cannot inject a presence entry, under its own name or a member\'s', { timeout: 120_000 }, async () => {
    const { clients: [ada, bob], spaces: [a, b] } = await room(['ada', 'bob'])
    const eve = await peer('eve')
    dropOwnChecks(eve)
    const onEve = await eve.openSpace(a!.address, { timeout: 3000 })
    await eventually(() => a!.presence.peers.length === 1 && b!.presence.peers.length === 1, 30_000)
    const refusedBefore = ada!.stats().refusedMessages
    // Eve's own presence, and one that claims to be Bob's device.
    onEve.presence.setPresence({ hi: 'from eve' })
    const data = rawDocs(eve, onEve).data
    for (let i = 0; i < 5; i++) {
      data?.broadcast({ echoPresence: 1, state: { spoof: true }, from: { identityKey: bob!.identity!.identityKey, deviceKey: bob!.identity!.deviceKey } })
      await settle(300)
    }
    await settle()
    expect(a!.presence.peers.map((p) => p.identityKey)).toEqual([bob!.identity!.identityKey])
    expect(a!.presence.peers[0]!.state).toBeNull()
    expect(b!.presence.peers.map((p) => p.identityKey)).toEqual([ada!.identity!.identityKey])
    // If Eve reached Ada at all, her messages were refused at the gate (counted), never shown.
    if (eve.repo.peers.includes(ada!.repo.peerId)) expect(ada!.stats().refusedMessages).toBeGreaterThan(refusedBefore)
  })

  it('a member cannot claim another member\'s identity or device, and oversize state is dropped and counted', { timeout: 120_000 }, async () => {
    const { clients: [, bob], spaces: [a, b] } = await room(['ada', 'bob'])
    // Cy is a member who is never online, so any "Cy" entry on Ada could only be forged.
    const cy = await memoryClient('cy')
    peer.track(cy)
    await a!.admit({ identityKey: cy.identity!.identityKey, displayName: 'cy' })
    await eventually(() => a!.presence.peers.length === 1 && b!.presence.peers.length === 1 && b!.members.length === 3, 30_000)
    const seen: PresencePeer[] = []
    a!.presence.subscribe(() => seen.push(...a!.presence.peers))
    const forged = { identityKey: cy.identity!.identityKey, deviceKey: cy.identity!.deviceKey }
    const data = rawDocs(bob!, b!).data
    data.broadcast({ echoPresence: 1, state: { forged: true }, from: forged })
    // Taken as Bob's: the session proved Bob's device, whatever `from` said.
    await eventually(() => seen.some((p) => (p.state as { forged?: boolean } | null)?.forged === true), 10_000)
    await settle()
    expect(seen.filter((p) => (p.state as { forged?: boolean } | null)?.forged)[0]).toMatchObject({ identityKey: bob!.identity!.identityKey, deviceKey: bob!.identity!.deviceKey, displayName: 'bob' })
    expect(seen.some((p) => p.identityKey === forged.identityKey || p.deviceKey === forged.deviceKey)).toBe(false)

    // Bob's modified client sends what no honest one could: dropped and counted.
    data.broadcast({ echoPresence: 1, state: { big: 'x'.repeat(MAX_PRESENCE_BYTES + 10) } })
    data.broadcast({ echoPresence: 1, state: { bytes: new Uint8Array(4) } })
    await eventually(() => a!.presence.stats().dropped >= 2, 10_000)
    expect(seen.some((p) => (p.state as { big?: string } | null)?.big !== undefined)).toBe(false)
    expect(a!.presence.peers.map((p) => p.identityKey)).toEqual([bob!.identity!.identityKey])
  })
})
