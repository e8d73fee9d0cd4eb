import * as A from '@automerge/automerge'
import nacl from 'tweetnacl'
import { describe, expect, it } from 'vitest'
import { credentialHash, deriveMembers, deviceSigner, generateIdentity, parseCredential, signCredential, type Credential, type Role } from '../../src/core/identity/index.ts'
import { toHex } from '../../src/core/shared/encoding.ts'
import { eventually } from '../core/helpers.ts'
import { attackNetwork, backdated, rawDocs, settle, signAsSelf } from './attackers.ts'

// Attack 4 of issue 10, "credentials are ordered by issuedAt, which the signer chooses": a
// removed admin backdated "admit my puppet as admin" and "remove Cy" to before its removal and
// every peer accepted both; the same won any race between two admins; an admin could remove an
// owner; a removed person could never be re-admitted; roles could only go up. Now credentials
// form a hash-linked DAG and count by causal position: a removal wins over everything the
// removed member signed beside it, issuedAt is informational.

const ada = generateIdentity('Ada')
const dan = generateIdentity('Dan')
const cy = generateIdentity('Cy')
const puppet = generateIdentity('Puppet')
const oli = generateIdentity('Oli')

function newSpace() {
  const keys = nacl.sign.keyPair()
  const id = toHex(keys.publicKey)
  const genesis = signCredential({ kind: 'space-genesis', spaceId: id, subject: ada.identityKey, role: 'owner' }, { publicKey: id, secretKey: keys.secretKey, issuer: id })
  return { id, genesis }
}
const on = (...cs: Credential[]) => cs.map(credentialHash)
const roles = (spaceId: string, cs: Credential[]) => Object.fromEntries(deriveMembers(spaceId, cs).map((m) => [m.identityKey, m.role]))
type Who = ReturnType<typeof generateIdentity>
function act(spaceId: string, who: Who, kind: 'member' | 'member-removed', subject: Who, parents: Credential[], role?: Role, issuedAt?: number): Credential {
  return backdated(issuedAt, () => signCredential({ kind, spaceId, subject: subject.identityKey, ...(role ? { role } : {}), parents: on(...parents) }, deviceSigner(who)))
}

describe('attack 4: backdated and out-of-authority credentials (rules)', () => {
  it("a removed admin's backdated acts beside its removal do not count", () => {
    const { id, genesis } = newSpace()
    const admitDan = act(id, ada, 'member', dan, [genesis], 'admin')
    const admitCy = act(id, ada, 'member', cy, [admitDan], 'editor')
    const removeDan = act(id, ada, 'member-removed', dan, [admitCy])
    // Dan, removed, builds on what he knew before the removal (and says it was long ago).
    const puppetIn = act(id, dan, 'member', puppet, [admitCy], 'admin', 1)
    const cyOut = act(id, dan, 'member-removed', cy, [puppetIn], undefined, 2)
    expect([puppetIn.issuedAt, cyOut.issuedAt]).toEqual([1, 2])
    const all = [genesis, admitDan, admitCy, removeDan, puppetIn, cyOut]
    expect(roles(id, all)).toEqual({ [ada.identityKey]: 'owner', [cy.identityKey]: 'editor' })
    // What Dan did before his removal (in its past) stands.
    const danAdmitsOli = act(id, dan, 'member', oli, [admitCy], 'reader')
    const removeDanLater = act(id, ada, 'member-removed', dan, [danAdmitsOli])
    expect(roles(id, [genesis, admitDan, admitCy, danAdmitsOli, removeDanLater])).toEqual({
      [ada.identityKey]: 'owner',
      [cy.identityKey]: 'editor',
      [oli.identityKey]: 'reader',
    })
  })

  it('a removal wins over concurrent acts of the removed member', () => {
    const { id, genesis } = newSpace()
    const admitDan = act(id, ada, 'member', dan, [genesis], 'admin')
    const admitCy = act(id, ada, 'member', cy, [admitDan], 'admin')
    // Concurrently: Ada removes Dan, and Dan removes Cy.
    const removeDan = act(id, ada, 'member-removed', dan, [admitCy])
    const danRemovesCy = act(id, dan, 'member-removed', cy, [admitCy])
    expect(roles(id, [genesis, admitDan, admitCy, removeDan, danRemovesCy])).toEqual({ [ada.identityKey]: 'owner', [cy.identityKey]: 'admin' })
  })

  it('authority: no one above their own role; owners only by owners; the creator stays; demotion and re-admission work', () => {
    const { id, genesis } = newSpace()
    const admitDan = act(id, ada, 'member', dan, [genesis], 'admin')
    const danRemovesAda = act(id, dan, 'member-removed', ada, [admitDan])
    const danDemotesAda = act(id, dan, 'member', ada, [admitDan], 'reader')
    const danMakesCyOwner = act(id, dan, 'member', cy, [admitDan], 'owner') // clamped to admin
    expect(roles(id, [genesis, admitDan, danRemovesAda, danDemotesAda, danMakesCyOwner])).toEqual({
      [ada.identityKey]: 'owner',
      [dan.identityKey]: 'admin',
      [cy.identityKey]: 'admin',
    })
    // A second owner cannot remove or demote the creator; an admin cannot remove an owner.
    const oliOwner = act(id, ada, 'member', oli, [admitDan], 'owner')
    const oliRemovesAda = act(id, oli, 'member-removed', ada, [oliOwner])
    const danRemovesOli = act(id, dan, 'member-removed', oli, [oliOwner])
    expect(roles(id, [genesis, admitDan, oliOwner, oliRemovesAda, danRemovesOli])).toMatchObject({ [ada.identityKey]: 'owner', [oli.identityKey]: 'owner' })
    // Owners remove owners; demotion; re-admission after removal.
    const adaRemovesOli = act(id, ada, 'member-removed', oli, [danRemovesOli, oliRemovesAda])
    const demoteDan = act(id, ada, 'member', dan, [adaRemovesOli], 'reader')
    const readmitOli = act(id, ada, 'member', oli, [demoteDan], 'editor')
    const all = [genesis, admitDan, oliOwner, oliRemovesAda, danRemovesOli, adaRemovesOli, demoteDan, readmitOli]
    expect(roles(id, all)).toEqual({ [ada.identityKey]: 'owner', [dan.identityKey]: 'reader', [oli.identityKey]: 'editor' })
  })

  it('the same credentials give the same members in any order (seeded shuffles of a random history)', { timeout: 120_000 }, () => {
    let seed = 0x2545f491
    const rand = (n: number) => {
      // xorshift32: a seeded, reproducible shuffle.
      seed ^= seed << 13
      seed ^= seed >>> 17
      seed ^= seed << 5
      return (seed >>> 0) % n
    }
    const people = [ada, dan, cy, puppet, oli]
    const roleList: Role[] = ['owner', 'admin', 'editor', 'reader']
    for (let round = 0; round < 6; round++) {
      const { id, genesis } = newSpace()
      const history: Credential[] = [genesis]
      for (let i = 0; i < 20; i++) {
        const parents = [history[rand(history.length)]!, history[rand(history.length)]!]
        const issuer = people[rand(people.length)]!
        const subject = people[rand(people.length)]!
        history.push(rand(3) === 0 ? act(id, issuer, 'member-removed', subject, parents) : act(id, issuer, 'member', subject, parents, roleList[rand(4)]))
      }
      const expected = deriveMembers(id, history)
      for (let shuffle = 0; shuffle < 5; shuffle++) {
        const copy = history.slice()
        for (let i = copy.length - 1; i > 0; i--) {
          const j = rand(i + 1)
          ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
        }
        expect(deriveMembers(id, copy)).toEqual(expected)
      }
    }
  })
})

const peer = attackNetwork()

describe('attack 4 over the network', () => {
  it("a removed admin's backdated credentials, relayed by an accomplice, change nothing; demotion and re-admission reach everyone", { timeout: 120_000 }, async () => {
    const [owner, admin, editor, accomplice] = [await peer('ada'), await peer('dan'), await peer('cy'), await peer('mal')]
    const space = await owner.createSpace({ name: 'Club' })
    await space.admit({ identityKey: admin.identity!.identityKey, role: 'admin' })
    await space.admit({ identityKey: editor.identity!.identityKey, role: 'editor' })
    await space.admit({ identityKey: accomplice.identity!.identityKey, role: 'editor' })
    const onDan = await admin.openSpace(space.address)
    const onCy = await editor.openSpace(space.address)
    const onMal = await accomplice.openSpace(space.address)
    await eventually(() => [onDan, onCy, onMal].every((s) => s.members.length === 4), 20_000)
    // Dan keeps what he knows now, then is removed.
    const knownToDan = Object.values(rawDocs(admin, onDan).control.doc().credentials).map((v) => parseCredential(String(v))!)
    const danHeads = knownToDan.map(credentialHash).filter((h) => !knownToDan.some((c) => c.parents?.includes(h)))
    await space.removeMember(admin.identity!.identityKey)
    await eventually(() => onCy.members.length === 3 && onMal.members.length === 3, 20_000)
    // Dan's modified client signs backdated acts on his old heads and hands them to Mal, who
    // writes them into her own control document; honest peers take them (valid signatures).
    const puppetKey = generateIdentity('puppet')
    const facts = [
      { kind: 'member' as const, subject: puppetKey.identityKey, role: 'admin' as Role },
      { kind: 'member-removed' as const, subject: editor.identity!.identityKey },
    ]
    // Dated before every real credential (the old rules ordered by this date).
    const forged = await Promise.all(facts.map((fact) => signAsSelf(admin, { ...fact, spaceId: space.id, parents: danHeads }, 1)))
    expect(forged.every((c) => c.issuedAt === 1)).toBe(true)
    rawDocs(accomplice, onMal).control.change((d: any) => {
      for (const c of forged) d.credentials[c.id] = new A.ImmutableString(JSON.stringify(c))
    })
    await eventually(() => Object.keys(rawDocs(owner, space).control.doc().credentials).some((k) => k === forged[0]!.id), 20_000)
    await settle()
    for (const s of [space, onCy, onMal]) {
      expect(s.members.map((m) => m.identityKey).sort()).toEqual([owner, editor, accomplice].map((c) => c.identity!.identityKey).sort())
    }
    // Demotion and re-admission, by the owner, reach everyone.
    await space.setRole(editor.identity!.identityKey, 'reader')
    await space.admit({ identityKey: admin.identity!.identityKey, role: 'editor' })
    await eventually(() => onCy.role === 'reader' && onMal.members.find((m) => m.identityKey === admin.identity!.identityKey)?.role === 'editor', 20_000)
    await eventually(() => onDan.role === 'editor', 20_000)
    expect(() => {
      onCy.db.add({ t: 'no' })
    }).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }))
    // An admin cannot remove the owner, locally either.
    await space.setRole(accomplice.identity!.identityKey, 'admin')
    await eventually(() => onMal.role === 'admin', 20_000)
    await expect(onMal.removeMember(owner.identity!.identityKey)).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })
})

