import { describe, expect, it } from 'vitest'
import { text, type Space } from '../../src/core.ts'
import { coreOf } from '../../src/core/data/coreOf.ts'
import { ShownAhead } from '../../src/core/space/ShownAhead.ts'
import { eventually } from '../core/helpers.ts'
import { networkPeers } from '../support/networkPeers.ts'

// Real parts on loopback (signaling server process, node-datachannel WebRTC, sessions): remote
// overwrites and text edits are shown before Automerge applies them (space/ShownAhead.ts), and
// concurrent ones are not. Whatever mix arrives, every peer ends with the same state, and each
// peer's read model is exactly its document.
const net = networkPeers()

// Counts the changes actually shown ahead (the test must exercise that path, not only the other).
let shownAhead = 0
const show = ShownAhead.prototype.show
ShownAhead.prototype.show = function (this: ShownAhead, ...args: Parameters<ShownAhead['show']>) {
  const later = show.apply(this, args)
  if (later) shownAhead++
  return later
}

/** The object as the peer's committed Automerge document holds it (pending writes committed first). */
function inDocument(space: Space, id: string) {
  const raw = coreOf(space.db).committedDoc().objects[id.slice(0, 2)]![id]!
  return { n: raw.n, done: raw.done, body: String(raw.body) }
}

describe('remote writes shown ahead of Automerge (ShownAhead) over WebRTC', () => {
  it('three peers overwriting and typing into the same object at once converge, read model == document', async () => {
    const [ada, bob, cy] = [await net.peer('Ada'), await net.peer('Bob'), await net.peer('Cy')]
    const space = await ada.createSpace({ name: 'Race' })
    await space.admit({ identityKey: bob.identity!.identityKey, role: 'editor' })
    await space.admit({ identityKey: cy.identity!.identityKey, role: 'editor' })
    const spaces = [space, await bob.openSpace(space.address), await cy.openSpace(space.address)]
    const id = space.db.add({ n: 0, done: false, body: text('') })['@id']
    await eventually(() => spaces.every((s) => s.db.get(id)), 15_000)
    let seed = 11
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
    for (let round = 0; round < 40; round++) {
      // Sometimes one peer alone (its change arrives on top of the others' heads: shown ahead),
      // sometimes all three in the same task (concurrent: the ordinary path decides).
      const writers = rand(3) === 0 ? spaces : [spaces[rand(3)]!]
      for (const s of writers) {
        const obj = s.db.get(id)!
        const body = s.db.text(id, 'body')
        const roll = rand(4)
        if (roll === 0) obj.n = rand(1000)
        else if (roll === 1) obj.done = !obj.done
        else if (roll === 2 || body.value.length < 2) body.splice(rand(body.value.length + 1), 0, ['a', 'é', '😀'][rand(3)]!)
        else body.splice(rand(body.value.length - 1), 1)
      }
      await sleep(rand(3) === 0 ? 0 : 15)
    }
    const state = (s: Space) => JSON.stringify({ n: s.db.get(id)!.n, done: s.db.get(id)!.done, body: s.db.text(id, 'body').value })
    await eventually(() => state(spaces[0]!) === state(spaces[1]!) && state(spaces[1]!) === state(spaces[2]!), 20_000)
    for (const s of spaces) expect(JSON.stringify(inDocument(s, id))).toBe(state(s))
    expect(shownAhead).toBeGreaterThan(10)
  })
})
