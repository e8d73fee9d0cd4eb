import nacl from 'tweetnacl'
import { describe, expect, it } from 'vitest'
import { credentialHash, parseCredential, signCredential, verifyIssuer, type Credential } from '../../src/core/identity/credentials.ts'
import { deriveMembers } from '../../src/core/identity/deriveMembers.ts'
import { toHex } from '../../src/core/shared/encoding.ts'
import { deviceSigner, generateIdentity } from '../../src/core/identity/Identity.ts'

function space() {
  const keys = nacl.sign.keyPair()
  return { id: toHex(keys.publicKey), keys }
}

function genesis(s: ReturnType<typeof space>, owner: string): Credential {
  return signCredential({ kind: 'space-genesis', spaceId: s.id, subject: owner, role: 'owner' }, { publicKey: s.id, secretKey: s.keys.secretKey, issuer: s.id })
}

const after = (...cs: Credential[]) => cs.map(credentialHash)

describe('credentials', () => {
  const ada = generateIdentity('Ada')
  const bob = generateIdentity('Bob')
  const eve = generateIdentity('Eve')

  it('genesis names the owner; owners admit members through their device', () => {
    const s = space()
    const g = genesis(s, ada.identityKey)
    const admitBob = signCredential({ kind: 'member', spaceId: s.id, subject: bob.identityKey, role: 'editor', parents: after(g) }, deviceSigner(ada))
    expect(verifyIssuer(admitBob)).toBe(true)
    const members = deriveMembers(s.id, [admitBob, g])
    expect(members.map((m) => [m.identityKey, m.role])).toEqual([
      [ada.identityKey, 'owner'],
      [bob.identityKey, 'editor'],
    ])
  })

  it('ignores forged, tampered and unauthorised credentials', () => {
    const s = space()
    const g = genesis(s, ada.identityKey)
    // Eve is no member: her admission of herself counts for nothing.
    const selfAdmit = signCredential({ kind: 'member', spaceId: s.id, subject: eve.identityKey, role: 'owner', parents: after(g) }, deviceSigner(eve))
    // Tampered: Ada's admission of Bob rewritten to admit Eve.
    const real = signCredential({ kind: 'member', spaceId: s.id, subject: bob.identityKey, role: 'editor', parents: after(g) }, deviceSigner(ada))
    const tampered = { ...real, subject: eve.identityKey }
    // Forged genesis: signed by another key than the space key.
    const fake = nacl.sign.keyPair()
    const forgedGenesis = signCredential({ kind: 'space-genesis', spaceId: s.id, subject: eve.identityKey, role: 'owner' }, { publicKey: toHex(fake.publicKey), secretKey: fake.secretKey, issuer: s.id })
    // Device proof of another identity.
    const wrongProof = signCredential({ kind: 'member', spaceId: s.id, subject: eve.identityKey, role: 'admin', parents: after(g) }, { ...deviceSigner(eve), issuer: ada.identityKey })
    const members = deriveMembers(s.id, [g, selfAdmit, tampered, forgedGenesis, wrongProof])
    expect(members.map((m) => m.identityKey)).toEqual([ada.identityKey])
    expect(verifyIssuer(tampered)).toBe(false)
  })

  it('editors cannot admit; a removed member is out until re-admitted; the result ignores arrival order', () => {
    const s = space()
    const g = genesis(s, ada.identityKey)
    const admitBob = signCredential({ kind: 'member', spaceId: s.id, subject: bob.identityKey, role: 'editor', parents: after(g) }, deviceSigner(ada))
    const bobAdmitsEve = signCredential({ kind: 'member', spaceId: s.id, subject: eve.identityKey, role: 'editor', parents: after(admitBob) }, deviceSigner(bob))
    const removeBob = signCredential({ kind: 'member-removed', spaceId: s.id, subject: bob.identityKey, parents: after(bobAdmitsEve) }, deviceSigner(ada))
    const forward = deriveMembers(s.id, [g, admitBob, bobAdmitsEve, removeBob])
    const backward = deriveMembers(s.id, [removeBob, bobAdmitsEve, admitBob, g])
    expect(forward).toEqual(backward)
    expect(forward.map((m) => m.identityKey)).toEqual([ada.identityKey])
    const readmitBob = signCredential({ kind: 'member', spaceId: s.id, subject: bob.identityKey, role: 'reader', parents: after(removeBob) }, deviceSigner(ada))
    expect(deriveMembers(s.id, [g, admitBob, bobAdmitsEve, removeBob, readmitBob]).map((m) => [m.identityKey, m.role])).toEqual([
      [ada.identityKey, 'owner'],
      [bob.identityKey, 'reader'],
    ])
  })

  it('a revoked device can no longer issue; what it signed before its revocation stands', () => {
    const s = space()
    const g = genesis(s, ada.identityKey)
    const identitySigner = { publicKey: ada.identityKey, secretKey: Uint8Array.from(Buffer.from(ada.identitySecretKey!, 'hex')), issuer: ada.identityKey }
    const admitBob = signCredential({ kind: 'member', spaceId: s.id, subject: bob.identityKey, role: 'editor', parents: after(g) }, deviceSigner(ada))
    const revoke = signCredential({ kind: 'device-revoked', spaceId: s.id, subject: ada.deviceKey, identityKey: ada.identityKey, parents: after(admitBob) }, identitySigner)
    // After the revocation, and beside it (not building on it): neither counts.
    const admitEveAfter = signCredential({ kind: 'member', spaceId: s.id, subject: eve.identityKey, role: 'editor', parents: after(revoke) }, deviceSigner(ada))
    const admitEveBeside = signCredential({ kind: 'member', spaceId: s.id, subject: eve.identityKey, role: 'editor', parents: after(admitBob) }, deviceSigner(ada))
    expect(deriveMembers(s.id, [g, admitBob]).length).toBe(2)
    expect(deriveMembers(s.id, [g, admitBob, revoke]).length).toBe(2)
    expect(deriveMembers(s.id, [g, admitBob, revoke, admitEveAfter, admitEveBeside]).map((m) => m.identityKey)).not.toContain(eve.identityKey)
  })

  it('parses only well-formed credentials', () => {
    const s = space()
    const g = genesis(s, ada.identityKey)
    expect(parseCredential(JSON.stringify(g))).toEqual(g)
    for (const bad of [null, 1, 'nope', '{}', { ...g, kind: 'god' }, { ...g, subject: 'xyz' }, { ...g, signature: 'ab' }, { ...g, role: 'king' }, 'x'.repeat(20000)]) {
      expect(parseCredential(bad)).toBeNull()
    }
  })
})
