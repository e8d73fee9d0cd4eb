// Attacks on invitations (issue 11, item 2), each by a modified client (public parts plus the
// smallest override of its own checks) against unmodified hosts.
import nacl from 'tweetnacl'
import { describe, expect, it } from 'vitest'
import { MemorySignalingHub } from '../../src/testing/index.ts'
import { decodeInvitationCode, encodeInvitationCode, type Invitation, type Joining } from '../../src/core.ts'
import { Joining as JoiningFlow, type JoiningContext } from '../../src/core/invitations/index.ts'
import { signCredential } from '../../src/core/identity/index.ts'
import { eventually, link } from '../core/helpers.ts'
import { hubPeers } from '../support/hubPeers.ts'

const peer = hubPeers()

const until = (x: Invitation | Joining, ...states: string[]) => eventually(() => states.includes(x.state), 5000)
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')

/** A modified guest: the real Joining flow, but it presents `info` and signs with `secretKey`. */
function impostor(hub: MemorySignalingHub, name: string, code: string, info: Record<string, unknown>, secretKey: Uint8Array): Joining {
  const signaling = hub.client(name)
  const context: JoiningContext = {
    signaling: () => signaling,
    guestInfo: () => ({ info, sign: (m) => nacl.sign.detached(m, secretKey) }),
    complete: async () => undefined,
  }
  return new JoiningFlow(code, context, { timeout: 5000 })
}

describe('a guest must sign for the keys it presents', () => {
  it("space: presenting a third party's identity and device (with its real credential) is refused; nobody is admitted", async () => {
    const hub = new MemorySignalingHub()
    const host = await peer(hub, 'host', 'Ada')
    const space = await host.createSpace({ name: 'S' })
    const invitation = space.createInvitation()
    // Mallory holds the code and sees the auth code (say, over Ada's shoulder), and presents
    // Carol's public identity: keys and device credential, which are public in any space Carol is in.
    const carol = thirdParty()
    const mallory = nacl.sign.keyPair()
    const joining = impostor(hub, 'mallory', invitation.code, { ...carol, displayName: 'Carol' }, mallory.secretKey)
    await until(joining, 'ready-for-auth')
    expect(await joining.authenticate(invitation.authCode!)).toBe('error')
    expect(joining.error?.code).toBe('INVALID_INVITATION')
    expect(invitation.state).toBe('error')
    expect(invitation.error?.message).toMatch(/could not sign/)
    expect(space.members.map((m) => m.identityKey)).toEqual([host.identity!.identityKey])
  })

  it('space: an auth without a valid signature (the old protocol) is refused too', async () => {
    const hub = new MemorySignalingHub()
    const host = await peer(hub, 'host', 'Ada')
    const space = await host.createSpace({ name: 'S' })
    const invitation = space.createInvitation()
    // A guest that signs nothing (the protocol before keys were bound): an empty signature.
    const joining = impostor(hub, 'bob-2', invitation.code, thirdParty(), new Uint8Array(64))
    await until(joining, 'ready-for-auth')
    expect(await joining.authenticate(invitation.authCode!)).toBe('error')
    expect(space.members).toHaveLength(1)
  })

  it("device: presenting someone else's device key is refused; the identity gets no new device", async () => {
    const hub = new MemorySignalingHub()
    const laptop = await peer(hub, 'laptop', 'Ada')
    const victim = nacl.sign.keyPair()
    const invitation = laptop.createDeviceInvitation()
    const joining = impostor(hub, 'phone', invitation.code, { deviceKey: hex(victim.publicKey), displayName: 'Phone' }, nacl.sign.keyPair().secretKey)
    await until(joining, 'ready-for-auth')
    expect(await joining.authenticate(invitation.authCode!)).toBe('error')
    expect(invitation.state).toBe('error')
    expect(laptop.devices.map((d) => d.deviceKey)).toEqual([laptop.identity!.deviceKey])
  })

  it('an honest guest signing for its own keys is admitted', async () => {
    const hub = new MemorySignalingHub()
    const host = await peer(hub, 'host', 'Ada')
    const bob = await peer(hub, 'bob', 'Bob')
    const space = await host.createSpace({ name: 'S' })
    const invitation = space.createInvitation()
    const joining = bob.join(invitation.code)
    await until(joining, 'ready-for-auth')
    await joining.authenticate(invitation.authCode!)
    expect(invitation.state).toBe('success')
    expect(space.members.map((m) => m.identityKey)).toContain(bob.identity!.identityKey)
  })
})

describe('the guest slot and cancelling', () => {
  it('cleartext hellos from a code holder or relay take no slot; the real guest still joins', async () => {
    const hub = new MemorySignalingHub()
    const host = await peer(hub, 'host', 'Ada')
    const bob = await peer(hub, 'bob', 'Bob')
    const space = await host.createSpace({ name: 'S' })
    const invitation = space.createInvitation()
    const { topic } = decodeInvitationCode(invitation.code)
    const mallory = hub.client('mallory')
    mallory.join(topic)
    for (let i = 0; i < 40; i++) mallory.send(topic, 'host', { t: 'hello', v: 2, g: hex(nacl.box.keyPair().publicKey) })
    await new Promise((r) => setTimeout(r, 50))
    expect(invitation.state).toBe('connecting')
    expect(invitation.authCode).toBeUndefined()
    // Each new key costs the host a key agreement: a flood from one peer gets a burst of 3 answers.
    expect(hub.log.filter((r) => r.from === 'host' && r.to === 'mallory')).toHaveLength(3)
    const joining = bob.join(invitation.code)
    await until(joining, 'ready-for-auth')
    expect(await joining.authenticate(invitation.authCode!)).toBe('success')
  })

  it('a code holder who is not the host cannot cancel: not while another guest holds the slot, not by cancelling its own try', async () => {
    const hub = new MemorySignalingHub()
    const host = await peer(hub, 'host', 'Ada')
    const bob = await peer(hub, 'bob', 'Bob')
    const eve = await peer(hub, 'eve', 'Eve')
    link(host, bob)
    const space = await host.createSpace({ name: 'S' })
    const invitation = space.createInvitation()
    // Eve gets the slot first and cancels: the invitation stays open.
    const first = eve.join(invitation.code)
    await until(first, 'ready-for-auth')
    first.cancel()
    await until(invitation, 'connecting')
    // Bob gets the slot; Eve tries again and cancels while Bob holds it.
    const joining = bob.join(invitation.code)
    await until(joining, 'ready-for-auth')
    const second = eve.join(invitation.code, { timeout: 1000 })
    await new Promise((r) => setTimeout(r, 100))
    second.cancel()
    // A sealed-looking cancel forged without the channel key is dropped as well.
    hub.client('eve-raw').send(decodeInvitationCode(invitation.code).topic, 'host', { t: 'inv', c: 0, b: 'AAAA' })
    await new Promise((r) => setTimeout(r, 100))
    expect(invitation.state).toBe('ready-for-auth')
    expect(await joining.authenticate(invitation.authCode!)).toBe('success')
    expect(invitation.state).toBe('success')
    expect(space.members.map((m) => m.displayName)).toEqual(['Ada', 'Bob'])
  })

  it('the host can cancel; the guest hears it', async () => {
    const hub = new MemorySignalingHub()
    const host = await peer(hub, 'host', 'Ada')
    const bob = await peer(hub, 'bob', 'Bob')
    const space = await host.createSpace({ name: 'S' })
    const invitation = space.createInvitation()
    const joining = bob.join(invitation.code)
    await until(joining, 'ready-for-auth')
    invitation.cancel()
    await until(joining, 'cancelled')
    expect(joining.getSnapshot().cancelledBy).toBe('host')
  })
})

describe('codes', () => {
  it('a re-encoded code (a field changed, checksum recomputed) is refused by the host and takes no slot', async () => {
    const hub = new MemorySignalingHub()
    const host = await peer(hub, 'host', 'Ada')
    const bob = await peer(hub, 'bob', 'Bob')
    const space = await host.createSpace({ name: 'S' })
    const invitation = space.createInvitation({ expiresIn: 60_000 })
    const parts = decodeInvitationCode(invitation.code)
    for (const changed of [{ ...parts, expiresAt: parts.expiresAt + 3_600_000 }, { ...parts, kind: 'device' as const }]) {
      const forged = encodeInvitationCode(changed)
      expect(forged).not.toBe(invitation.code)
      const client = changed.kind === 'device' ? await peer(hub, `fresh-${Math.random()}`.replace('.', '')) : bob
      const joining = client.join(forged)
      await until(joining, 'error')
      expect(joining.error?.code).toBe('INVALID_INVITATION')
      expect(invitation.state).toBe('connecting')
    }
    const joining = bob.join(invitation.code)
    await until(joining, 'ready-for-auth')
    expect(await joining.authenticate(invitation.authCode!)).toBe('success')
  })
})

describe('authenticate before the host is connected', () => {
  it('waits for ready-for-auth, then sends the code (README: join(code) then authenticate at once)', async () => {
    const hub = new MemorySignalingHub()
    const host = await peer(hub, 'host', 'Ada')
    const bob = await peer(hub, 'bob', 'Bob')
    const space = await host.createSpace({ name: 'S' })
    const invitation = space.createInvitation()
    const joining = bob.join(invitation.code)
    expect(joining.state).toBe('connecting')
    const wrong = new Promise<string>((resolve) => {
      // The code is only known once the host shows it: enter a wrong one right away.
      resolve('000000')
    })
    const result = await joining.authenticate(await wrong)
    if (invitation.authCode === '000000') return // one in a million: the guess was right
    expect(result).toBe('ready-for-auth')
    expect(joining.error?.code).toBe('AUTH_FAILED')
    expect(invitation.getSnapshot().attemptsLeft).toBe(2)
    expect(await joining.authenticate(invitation.authCode!)).toBe('success')
  })

  it('a second join of the same code on the same client (a flow mounted twice) still reaches ready-for-auth', async () => {
    const hub = new MemorySignalingHub()
    const host = await peer(hub, 'host', 'Ada')
    const bob = await peer(hub, 'bob', 'Bob')
    const space = await host.createSpace({ name: 'S' })
    for (const cancelFirstAt of ['at once', 'once bound']) {
      const invitation = space.createInvitation()
      const first = bob.join(invitation.code)
      if (cancelFirstAt === 'once bound') await until(first, 'ready-for-auth')
      const second = bob.join(invitation.code)
      first.cancel()
      await until(second, 'ready-for-auth')
      expect(await second.authenticate(invitation.authCode!)).toBe('success')
    }
  })
})

/**
 * A third party's public identity: identity key, device key and the identity's signed device
 * credential (all public: they travel in every space the party is in). Returns no device secret.
 */
function thirdParty(): { identityKey: string; deviceKey: string; deviceCredential: unknown } {
  const identity = nacl.sign.keyPair()
  const device = nacl.sign.keyPair()
  const identityKey = hex(identity.publicKey)
  const deviceKey = hex(device.publicKey)
  const deviceCredential = signCredential({ kind: 'device', subject: deviceKey, identityKey }, { publicKey: identityKey, secretKey: identity.secretKey, issuer: identityKey })
  return { identityKey, deviceKey, deviceCredential }
}
