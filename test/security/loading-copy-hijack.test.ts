import * as A from '@automerge/automerge'
import type { DocumentId } from '@automerge/automerge-repo'
import { describe, expect, it } from 'vitest'
import { generateIdentity, signCredential } from '../../src/core/identity/index.ts'
import { decodeSpaceAddress } from '../../src/core/space/index.ts'
import { eventually } from '../core/helpers.ts'
import { attackNetwork, dropOwnChecks, objectId, settle } from './attackers.ts'

// Attack 2 of issue 10, "a loading copy takes anyone": while a space was loading, any
// authenticated peer was let through, so a never-admitted peer who knew the address served
// fake control and data documents under the real ids and the new member ended with a
// hijacked name, injected objects, no members, refusing the real owner. Now a loading copy
// takes the control document only as a chain from the genesis the space id commits to, with
// the sender a member of it, and data only from that chain's members.
const peer = attackNetwork()

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'))

describe('attack 2: an outsider serves a loading copy', () => {
  it('the new member takes nothing from the outsider and loads the real space once the owner is back', { timeout: 120_000 }, async () => {
    const ada = await peer('ada')
    const bob = await peer('bob')
    const eve = await peer('eve')
    const space = await ada.createSpace({ name: 'Club' })
    const real = space.db.add({ title: 'real' })
    await space.admit({ identityKey: bob.identity!.identityKey, role: 'editor' })
    await space.flush()
    ada.setOnline(false)

    // Eve got the address (a leaked link) but was never admitted. She builds fake documents
    // under the real ids: a "genesis" signed by a key she holds, a hijacked name, a planted object.
    const { controlDocId, dataDocId } = decodeSpaceAddress(space.address)
    const fakeKey = generateIdentity('fake space')
    const fakeGenesis = signCredential(
      { kind: 'space-genesis', spaceId: space.id, subject: eve.identity!.identityKey, role: 'owner' },
      { publicKey: fakeKey.identityKey, secretKey: bytes(fakeKey.identitySecretKey!), issuer: fakeKey.identityKey },
    )
    const planted = objectId('e5e')
    const control = A.from<any>({ spaceId: new A.ImmutableString(space.id), credentials: { [fakeGenesis.id]: new A.ImmutableString(JSON.stringify(fakeGenesis)) } })
    const data = A.from<any>({ name: new A.ImmutableString('Hijacked'), objects: { [planted.slice(0, 2)]: { [planted]: { '@id': planted, title: 'planted' } } } })
    eve.repo.import(A.save(control), { docId: controlDocId as DocumentId })
    eve.repo.import(A.save(data), { docId: dataDocId as DocumentId })
    dropOwnChecks(eve)
    await eve.openSpace(space.address, { timeout: 0 })

    // Bob opens the space while only Eve is there to serve it.
    const onBob = await bob.openSpace(space.address, { timeout: 4000 })
    await settle(2000)
    expect(onBob.name).not.toBe('Hijacked')
    expect(onBob.db.get(planted)).toBeUndefined()
    expect(onBob.members.some((m) => m.identityKey === eve.identity!.identityKey)).toBe(false)
    expect(bob.stats().refusedMessages).toBeGreaterThan(0)

    // The owner comes back: Bob loads the real space, and the outsider's documents never count.
    ada.setOnline(true)
    await eventually(() => onBob.status === 'ready' && onBob.name === 'Club' && onBob.db.get(real['@id'])?.title === 'real', 30_000)
    expect(onBob.members.map((m) => m.identityKey).sort()).toEqual([ada.identity!.identityKey, bob.identity!.identityKey].sort())
    expect(onBob.db.get(planted)).toBeUndefined()
    // Bob is a full member: his write reaches the owner.
    const mine = onBob.db.add({ title: 'from bob' })
    await eventually(() => space.db.get(mine['@id'])?.title === 'from bob', 20_000)
    expect(space.db.get(planted)).toBeUndefined()
    expect(space.name).toBe('Club')
    // Sync and network status are right for the honest peers while Eve stays connected.
    expect(bob.network.getSnapshot().status).toBe('online')
    await eventually(() => onBob.sync.getSnapshot().status === 'synced' && space.sync.getSnapshot().status === 'synced', 20_000)
  })
})
