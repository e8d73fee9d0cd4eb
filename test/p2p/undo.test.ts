import { describe, expect, it } from 'vitest'
import { text } from '../../src/core.ts'
import { eventually } from '../core/helpers.ts'
import { networkPeers } from '../support/networkPeers.ts'

// Real parts on loopback: a signaling server process, node-datachannel WebRTC, sessions.
const net = networkPeers()
const peer = (displayName: string) => net.peer(displayName, { name: `undo-${displayName.toLowerCase()}` })


describe('undo over WebRTC with a real signaling server', () => {
  it("undo reaches the other peer, keeps the other peer's concurrent edits, and skips a field they changed", async () => {
    const [ada, bob] = [await peer('Ada'), await peer('Bob')]
    const space = await ada.createSpace({ name: 'Undo' })
    await space.admit({ identityKey: bob.identity!.identityKey, role: 'editor' })
    const remote = await bob.openSpace(space.address)
    const note = space.db.add({ title: 'draft', status: 'open', body: text('The fox') })
    await eventually(() => remote.db.get(note['@id']), 15_000)
    const theirs = remote.db.get(note['@id'])!

    // Ada's step: a text insert plus two fields, in one task.
    space.db.text(note, 'body').splice(4, 0, 'quick ')
    note.title = 'final'
    note.status = 'done'
    await eventually(() => theirs.body === 'The quick fox' && theirs.status === 'done', 15_000)
    // Bob edits around Ada's insert and takes over the title.
    remote.db.text(theirs, 'body').splice(String(theirs.body).length, 0, ' jumps')
    theirs.title = "Bob's"
    await eventually(() => note.body === 'The quick fox jumps' && note.title === "Bob's", 15_000)

    expect(space.db.undo()).toEqual({ done: true, applied: 2, skipped: 1 })
    await eventually(() => theirs.body === 'The fox jumps' && theirs.status === 'open', 15_000)
    expect(theirs.title).toBe("Bob's")
    // Bob's stack holds his own step only (his text edit and title, one task).
    expect(remote.db.history.getSnapshot().undoSteps).toBe(1)
    expect(remote.db.undo()).toEqual({ done: true, applied: 2, skipped: 0 })
    await eventually(() => note.title === 'final' && note.body === 'The fox', 15_000)

    space.db.redo()
    await eventually(() => theirs.body === 'The quick fox' && theirs.status === 'done', 15_000)
  })
})
