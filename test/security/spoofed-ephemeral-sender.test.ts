import { cbor } from '@automerge/automerge-repo'
import { describe, expect, it } from 'vitest'
import { eventually } from '../core/helpers.ts'
import { attackNetwork, dropOwnChecks, rawDocs, settle } from './attackers.ts'

// Attack 5 of issue 10, "ephemeral messages carry any senderId": an unknown sender was
// treated as a local transport, a non-member's message was delivered and relayed, or passed
// off as another member's. Now every message of a session must carry that session's peer id,
// and the engine's gate refuses ephemeral messages of non-members like any other.
const peer = attackNetwork()

describe('attack 5: ephemeral messages under another name, or from an outsider', () => {
  it('only genuine ephemeral messages of members are delivered', { timeout: 120_000 }, async () => {
    const ada = await peer('ada')
    const bob = await peer('bob')
    const cy = await peer('cy')
    const eve = await peer('eve')
    const space = await ada.createSpace({ name: 'Room' })
    await space.admit({ identityKey: bob.identity!.identityKey })
    await space.admit({ identityKey: cy.identity!.identityKey })
    const onBob = await bob.openSpace(space.address)
    const onCy = await cy.openSpace(space.address)
    dropOwnChecks(eve)
    const onEve = await eve.openSpace(space.address, { timeout: 3000 })
    const marker = space.db.add({ t: 'synced' })
    await eventually(() => onBob.db.get(marker['@id']) && onCy.db.get(marker['@id']), 20_000)

    const heard: Array<{ senderId: string; message: unknown }> = []
    // Presence heartbeats travel as ephemeral messages too; this test is about the app's own.
    rawDocs(ada, space).data.on('ephemeral-message', ({ senderId, message }) => {
      if (!(message as { echoPresence?: number }).echoPresence) heard.push({ senderId, message })
    })
    const dataDocId = rawDocs(ada, space).data.documentId

    // Bob (a member) sends one under Cy's peer id, straight through his transport.
    // His adapter would not send a message under another sender; his modified client skips
    // that check of its own and hands it to the connections beneath.
    const bobAdapter = bob.repo.networkSubsystem.adapters[0]! as unknown as { peers: { send(m: unknown): void } }
    bobAdapter.peers.send({
      type: 'ephemeral',
      senderId: cy.repo.peerId,
      targetId: ada.repo.peerId,
      documentId: dataDocId,
      count: 1,
      sessionId: 'spoof',
      data: cbor.encode({ from: 'cy?' }),
    })
    // Eve (never admitted) broadcasts on the space's data document.
    rawDocs(eve, onEve).data.broadcast({ from: 'eve' })
    // Cy's genuine message is delivered, under Cy's own id.
    rawDocs(cy, onCy).data.broadcast({ from: 'cy' })
    await eventually(() => heard.some((h) => (h.message as { from?: string }).from === 'cy'), 20_000)
    await settle()
    expect(heard.map((h) => [(h.message as { from: string }).from, h.senderId])).toEqual([['cy', cy.repo.peerId]])
    // The spoofed one was dropped by the transport, Eve's by the gate (counted).
    expect(ada.stats().refusedMessages).toBeGreaterThan(0)
    // Honest sync goes on.
    const after = onCy.db.add({ t: 'after' })
    await eventually(() => space.db.get(after['@id']) && onBob.db.get(after['@id']), 20_000)
    await eventually(() => space.sync.getSnapshot().status === 'synced' && onBob.sync.getSnapshot().status === 'synced', 20_000)
  })
})
