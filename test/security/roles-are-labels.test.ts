import { describe, expect, it } from 'vitest'
import { generateIdentity, parseCredential, signCredential } from '../../src/core/identity/index.ts'
import * as A from '@automerge/automerge'
import { text } from '../../src/core.ts'
import { eventually } from '../core/helpers.ts'
import { attackNetwork, injectName, injectObject, objectId, rawDocs, settle } from './attackers.ts'

// Attack 3 of issue 10, "roles are labels": a reader's writes (objects, space name, control
// document) synced to everyone. Now a reader is refused locally (FORBIDDEN, nothing written)
// and, when a modified reader writes into its own documents anyway, every honest peer drops
// those changes before they are applied and counts them; the reader still receives.
const peer = attackNetwork()

describe('attack 3: a reader writes', () => {
  it('is refused locally with FORBIDDEN and nothing is written', async () => {
    const ada = await peer('ada')
    const rex = await peer('rex')
    const space = await ada.createSpace({ name: 'Board' })
    const card = space.db.add({ title: 'one', body: text('') })
    await space.admit({ identityKey: rex.identity!.identityKey, role: 'reader' })
    const mine = await rex.openSpace(space.address)
    await eventually(() => mine.role === 'reader' && mine.db.get(card['@id'])?.title === 'one', 20_000)
    const live = mine.db.get(card['@id'])!
    const forbidden = (fn: () => unknown) => expect(fn).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }))
    forbidden(() => mine.db.add({ title: 'two' }))
    forbidden(() => {
      live.title = 'changed'
    })
    forbidden(() => {
      delete (live as Record<string, unknown>).title
    })
    forbidden(() => mine.db.remove(live))
    forbidden(() => mine.db.text(live, 'body').splice(0, 0, 'hi'))
    forbidden(() => {
      mine.name = 'Mine now'
    })
    expect(mine.db.size).toBe(1)
    expect(live.title).toBe('one')
    expect(mine.name).toBe('Board')
    expect(space.role).toBe('owner')
  })

  it('a modified reader writing into its own documents reaches nobody; honest peers keep syncing', { timeout: 90_000 }, async () => {
    const ada = await peer('ada')
    const rex = await peer('rex')
    const cy = await peer('cy')
    const space = await ada.createSpace({ name: 'Board' })
    await space.admit({ identityKey: rex.identity!.identityKey, role: 'reader' })
    await space.admit({ identityKey: cy.identity!.identityKey, role: 'editor' })
    const onRex = await rex.openSpace(space.address)
    const onCy = await cy.openSpace(space.address)
    const card = space.db.add({ title: 'one' })
    await eventually(() => onRex.db.get(card['@id']) && onCy.db.get(card['@id']) && onCy.role === 'editor' && onRex.role === 'reader', 20_000)

    // The attack: skip the local role check and write straight into the Automerge documents.
    const raw = rawDocs(rex, onRex)
    const planted = objectId('bad')
    injectObject(raw.data, planted, { title: 'planted by a reader' })
    injectName(raw.data, 'Hijacked')
    raw.data.change((d: any) => {
      d.objects[card['@id'].slice(0, 2)][card['@id']].title = 'defaced'
    })
    // ... and into the control document: a self-made admin credential (validly signed, by a key
    // the attacker holds) and the owner's genesis deleted.
    const puppet = generateIdentity('puppet')
    const forged = signCredential(
      { kind: 'member', spaceId: space.id, subject: rex.identity!.identityKey, role: 'admin' },
      { publicKey: puppet.identityKey, secretKey: Buffer.from(puppet.identitySecretKey!, 'hex'), issuer: puppet.identityKey },
    )
    raw.control.change((d: any) => {
      d.credentials[forged.id] = new A.ImmutableString(JSON.stringify(forged))
      for (const key of Object.keys(d.credentials)) if (parseCredential(String(d.credentials[key]))?.kind === 'space-genesis') delete d.credentials[key]
    })

    // Honest peers go on: the editor's write reaches the owner and the owner's reaches everyone.
    onCy.db.get(card['@id'])!.title = 'edited by cy'
    await eventually(() => card.title === 'edited by cy', 20_000)
    const later = space.db.add({ title: 'after the attack' })
    await eventually(() => onCy.db.get(later['@id']) && onRex.db.get(later['@id']), 20_000)
    await settle()
    for (const [client, s] of [[ada, space], [cy, onCy]] as const) {
      expect(s.db.get(planted)).toBeUndefined()
      expect(s.name).toBe('Board')
      expect(s.db.get(card['@id'])!.title).toBe('edited by cy')
      expect(s.members.map((m) => m.role).sort()).toEqual(['editor', 'owner', 'reader'])
      expect(client.stats().refusedMessages).toBeGreaterThan(0)
      // Counted per space too, at most what the client counted over all its spaces.
      expect(s.db.stats().refusedMessages).toBeGreaterThan(0)
      expect(s.db.stats().refusedMessages).toBeLessThanOrEqual(client.stats().refusedMessages)
    }
    // The reader's copy took everything the honest peers sent.
    expect(onRex.db.stats().refusedMessages).toBe(0)
    expect(ada.getSpace(space.id)!.status).toBe('ready')
    // Network and sync status stay right for the honest peers while the reader keeps trying.
    expect(ada.network.getSnapshot().status).toBe('online')
    await eventually(() => space.sync.getSnapshot().status === 'synced' && onCy.sync.getSnapshot().status === 'synced', 20_000)
  })
})

