import * as A from '@automerge/automerge'
import { describe, expect, it } from 'vitest'
import { credentialHash, deriveMembers, deviceSigner, generateIdentity, signCredential, type Credential } from '../../src/core/identity/index.ts'
import { eventually } from '../core/helpers.ts'
import { attackNetwork, rawDocs, settle } from './attackers.ts'

// Attack 1 of issue 10, "a reader revokes the owner's device, in every space": device-revoked
// credentials counted whoever signed them, and one client-wide set unioned them, so the owner's
// device was cut off everywhere and the credentials it signed stopped counting. Now a
// revocation counts only when signed with the identity key of the device's own identity, and
// applies only to that identity's device.
const peer = attackNetwork()

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'))

describe("attack 1: revoking someone else's device", () => {
  it("a reader's revocation of the owner's device changes nothing, in this space or another", async () => {
    const ada = await peer('ada')
    const rex = await peer('rex')
    const cy = await peer('cy')
    const space = await ada.createSpace({ name: 'Club' })
    const other = await ada.createSpace({ name: 'Other' })
    await space.admit({ identityKey: rex.identity!.identityKey, role: 'reader' })
    await space.admit({ identityKey: cy.identity!.identityKey, role: 'editor' })
    await other.admit({ identityKey: cy.identity!.identityKey, role: 'editor' })
    const onRex = await rex.openSpace(space.address)
    const onCy = await cy.openSpace(space.address)
    const otherOnCy = await cy.openSpace(other.address)
    await eventually(() => onCy.members.length === 3 && onRex.members.length === 3 && otherOnCy.members.length === 2, 20_000)

    // The modified reader signs "revoke Ada's device" with a key it holds (its puppet identity,
    // which names itself as the device's identity) and writes it into its control document.
    const puppet = generateIdentity('puppet')
    const fake = signCredential(
      { kind: 'device-revoked', spaceId: space.id, subject: ada.identity!.deviceKey, identityKey: puppet.identityKey },
      { publicKey: puppet.identityKey, secretKey: bytes(puppet.identitySecretKey!), issuer: puppet.identityKey },
    )
    rawDocs(rex, onRex).control.change((d: any) => {
      d.credentials[fake.id] = new A.ImmutableString(JSON.stringify(fake))
    })
    await settle()

    // Ada's writes still reach Cy in both spaces; nobody counts her device as revoked; the
    // members she admitted still count.
    const a = space.db.add({ t: 'after the fake revocation' })
    const b = other.db.add({ t: 'in the other space' })
    await eventually(() => onCy.db.get(a['@id']) && otherOnCy.db.get(b['@id']) && onRex.db.get(a['@id']), 20_000)
    for (const client of [ada, cy, rex]) expect(client.isRevoked(ada.identity!.deviceKey)).toBe(false)
    expect(onCy.members.length).toBe(3)
    expect(space.members.length).toBe(3)
    expect(otherOnCy.members.length).toBe(2)
  })

  it('only the identity key revokes, and only its own devices (credential rules)', () => {
    const spaceKeys = generateIdentity('space')
    const spaceId = spaceKeys.identityKey
    const ada = generateIdentity('ada')
    const eve = generateIdentity('eve')
    const bob = generateIdentity('bob')
    const genesis = signCredential(
      { kind: 'space-genesis', spaceId, subject: ada.identityKey, role: 'owner' },
      { publicKey: spaceId, secretKey: bytes(spaceKeys.identitySecretKey!), issuer: spaceId },
    )
    // Ada's device (not her identity key) admits Bob.
    const admitBob = signCredential({ kind: 'member', spaceId, subject: bob.identityKey, role: 'editor', parents: [credentialHash(genesis)] }, deviceSigner(ada))
    const base: Credential[] = [genesis, admitBob]
    expect(deriveMembers(spaceId, base).map((m) => m.identityKey)).toContain(bob.identityKey)
    // Eve "revokes" Ada's device: Eve is not that device's identity, so nothing changes.
    const byEve = signCredential(
      { kind: 'device-revoked', spaceId, subject: ada.deviceKey, identityKey: eve.identityKey },
      { publicKey: eve.identityKey, secretKey: bytes(eve.identitySecretKey!), issuer: eve.identityKey },
    )
    // Eve names Ada as the identity but cannot sign with Ada's identity key: refused.
    const posing = { ...byEve, identityKey: ada.identityKey }
    // A device of Ada signs the revocation of itself (a device never revokes).
    const byDevice = signCredential({ kind: 'device-revoked', spaceId, subject: ada.deviceKey, identityKey: ada.identityKey }, deviceSigner(ada))
    for (const attempt of [byEve, posing, byDevice]) {
      expect(deriveMembers(spaceId, [...base, attempt]).map((m) => m.identityKey)).toContain(bob.identityKey)
    }
    // Ada's identity key revokes her device, naming no past: everything that device signed is
    // beside the revocation, so it stops counting.
    const real = signCredential(
      { kind: 'device-revoked', spaceId, subject: ada.deviceKey, identityKey: ada.identityKey },
      { publicKey: ada.identityKey, secretKey: bytes(ada.identitySecretKey!), issuer: ada.identityKey },
    )
    expect(deriveMembers(spaceId, [...base, real]).map((m) => m.identityKey)).not.toContain(bob.identityKey)
  })
})
