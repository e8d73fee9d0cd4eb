import nacl from 'tweetnacl'
import { afterEach, describe, expect, it } from 'vitest'
import { MemorySignalingHub } from '../../src/testing/index.ts'
import type { Signaling } from '../../src/core/network/Signaling.ts'
import { createClient, decodeInvitationCode, EchoError, type Client, type Invitation, type Joining } from '../../src/core.ts'
import { eventually, link } from './helpers.ts'

const clients: Client[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close()
})

async function peer(hub: MemorySignalingHub, name: string, displayName?: string, signaling?: Signaling) {
  const client = await createClient({ storage: 'memory', broadcast: false, name, signaling: signaling ?? hub.client(name), webrtc: false })
  if (displayName) await client.createIdentity({ displayName })
  clients.push(client)
  return client
}

const until = (x: Invitation | Joining, ...states: string[]) => eventually(() => states.includes(x.state), 15_000)

describe('space invitations (core, in-process signaling)', () => {
  it('succeeds: guest enters the auth code, becomes a member and syncs the space', async () => {
    const hub = new MemorySignalingHub()
    const host = await peer(hub, 'host', 'Ada')
    const guest = await peer(hub, 'guest', 'Bob')
    link(host, guest)
    const space = await host.createSpace({ name: 'Shared' })
    space.db.add({ '@type': 'task', title: 'hello' })
    const invitation = space.createInvitation()
    const states: string[] = []
    invitation.subscribe(() => states.at(-1) !== invitation.state && states.push(invitation.state))
    expect(invitation.code).toMatch(/^[A-Za-z0-9_-]{102}$/)
    expect(invitation.link('http://app/')).toBe(`http://app/#join=${invitation.code}`)
    const joining = guest.join(invitation.link('http://app/'))
    await until(invitation, 'ready-for-auth')
    await until(joining, 'ready-for-auth')
    expect(invitation.authCode).toMatch(/^\d{6}$/)
    const result = await joining.authenticate(invitation.authCode!)
    expect([result, joining.error?.message]).toEqual(['success', undefined])
    expect(invitation.state).toBe('success')
    expect(states).toEqual(['connected', 'ready-for-auth', 'authenticating', 'success'])
    expect(space.members.map((m) => m.displayName)).toEqual(['Ada', 'Bob'])
    expect(joining.space?.id).toBe(space.id)
    await eventually(() => joining.space!.db.query({ '@type': 'task' }).objects.length === 1)
    // The auth code never crossed the relay in clear.
    const relayed = JSON.stringify(hub.log)
    expect(relayed).not.toContain(invitation.authCode)
    expect(relayed).not.toContain(guest.identity!.identityKey)
  })

  it('three wrong codes kill the invitation on both sides', async () => {
    const hub = new MemorySignalingHub()
    const host = await peer(hub, 'host', 'Ada')
    const guest = await peer(hub, 'guest', 'Bob')
    const space = await host.createSpace({ name: 'S' })
    const invitation = space.createInvitation()
    const joining = guest.join(invitation.code)
    await until(joining, 'ready-for-auth')
    const wrong = invitation.authCode === '000000' ? '111111' : '000000'
    expect(await joining.authenticate(wrong)).toBe('ready-for-auth')
    expect(joining.attemptsLeft).toBe(2)
    expect(joining.error?.code).toBe('AUTH_FAILED')
    await joining.authenticate(wrong)
    expect(joining.attemptsLeft).toBe(1)
    expect(await joining.authenticate(wrong)).toBe('error')
    expect(joining.error?.code).toBe('TOO_MANY_ATTEMPTS')
    expect(invitation.state).toBe('error')
    expect(invitation.error?.code).toBe('TOO_MANY_ATTEMPTS')
    // Even the right code does nothing now.
    expect(await joining.authenticate(invitation.authCode!)).toBe('error')
    expect(space.members).toHaveLength(1)
  })

  it('expiry: an expired code is refused up front, a live one expires on both sides', async () => {
    const hub = new MemorySignalingHub()
    const host = await peer(hub, 'host', 'Ada')
    const guest = await peer(hub, 'guest', 'Bob')
    const space = await host.createSpace({ name: 'S' })
    const invitation = space.createInvitation({ expiresIn: 1500 })
    const joining = guest.join(invitation.code)
    await until(joining, 'ready-for-auth')
    await until(invitation, 'expired')
    await until(joining, 'expired')
    expect(invitation.error?.code).toBe('INVITATION_EXPIRED')
    expect(() => guest.join(invitation.code)).toThrow(expect.objectContaining({ code: 'INVITATION_EXPIRED' }))
    expect(space.members).toHaveLength(1)
  })

  it('cancel on either side', async () => {
    const hub = new MemorySignalingHub()
    const host = await peer(hub, 'host', 'Ada')
    const guest = await peer(hub, 'guest', 'Bob')
    const space = await host.createSpace({ name: 'S' })
    const a = space.createInvitation()
    const ja = guest.join(a.code)
    await until(ja, 'ready-for-auth')
    a.cancel()
    await until(ja, 'cancelled')
    expect(a.state).toBe('cancelled')
    const b = space.createInvitation()
    const jb = guest.join(b.code)
    await until(b, 'ready-for-auth')
    jb.cancel()
    expect(jb.state).toBe('cancelled')
    // Only the host ends an invitation: the guest's cancel frees the slot for another try.
    await until(b, 'connecting')
    expect(b.error?.code).toBe('CANCELLED')
    expect(b.authCode).toBeUndefined()
    const again = guest.join(b.code)
    await until(again, 'ready-for-auth')
    expect(await again.authenticate(b.authCode!)).toBe('success')
    expect(b.state).toBe('success')
    expect(space.members).toHaveLength(2)
  })

  it('a tampered or malformed code is refused before anything connects', async () => {
    const hub = new MemorySignalingHub()
    const host = await peer(hub, 'host', 'Ada')
    const guest = await peer(hub, 'guest', 'Bob')
    const space = await host.createSpace({ name: 'S' })
    const { code } = space.createInvitation()
    const flipped = code.slice(0, 50) + (code[50] === 'A' ? 'B' : 'A') + code.slice(51)
    for (const bad of [flipped, code.slice(0, -1), 'hello', '', `${code}x`, 42 as never]) {
      expect(() => guest.join(bad)).toThrow(EchoError)
      expect(() => guest.join(bad)).toThrow(expect.objectContaining({ code: 'INVALID_INVITATION' }))
    }
    expect(hub.log.filter((r) => r.from === 'guest')).toHaveLength(0)
  })

  it('a relay that swaps keys: the guest fails, the host admits nobody, the code stays secret', async () => {
    const hub = new MemorySignalingHub()
    const mallory = nacl.box.keyPair()
    // The guest's signaling is a man in the middle: it replaces the guest's key in its hello.
    const real = hub.client('guest')
    const mitm: Signaling = {
      peerId: real.peerId,
      join: (t) => real.join(t),
      leave: (t) => real.leave(t),
      on: real.on.bind(real) as Signaling['on'],
      send: (topic, to, data) => {
        const d = data as Record<string, unknown>
        real.send(topic, to, d?.t === 'hello' ? { ...d, g: Buffer.from(mallory.publicKey).toString('hex') } : data)
      },
    }
    const host = await peer(hub, 'host', 'Ada')
    const guest = await peer(hub, 'guest-client', 'Bob', mitm)
    const space = await host.createSpace({ name: 'S' })
    const invitation = space.createInvitation()
    const joining = guest.join(invitation.code, { timeout: 1500 })
    // The host's challenge is sealed for Mallory's key: the real guest cannot open it, and
    // Mallory cannot answer it without the code, so the hello never takes the slot.
    await until(joining, 'error')
    expect(joining.state).toBe('error')
    expect(invitation.state).toBe('connecting')
    expect(invitation.authCode).toBeUndefined()
    expect(space.members).toHaveLength(1)
    expect(JSON.stringify(hub.log)).not.toContain(invitation.authCode)
  })

  it('a spent single-use code gets no answer', async () => {
    const hub = new MemorySignalingHub()
    const host = await peer(hub, 'host', 'Ada')
    const guest = await peer(hub, 'guest', 'Bob')
    const third = await peer(hub, 'third', 'Eve')
    const space = await host.createSpace({ name: 'S' })
    const invitation = space.createInvitation()
    const j1 = guest.join(invitation.code)
    await until(j1, 'ready-for-auth')
    await j1.authenticate(invitation.authCode!)
    expect(invitation.state).toBe('success')
    const j2 = third.join(invitation.code, { timeout: 1000 })
    await until(j2, 'error')
    expect(j2.error?.code).toBe('NETWORK_FAILED')
    expect(space.members.map((m) => m.displayName)).toEqual(['Ada', 'Bob'])
  })

  it('only owners and admins can invite; joining a space needs an identity', async () => {
    const hub = new MemorySignalingHub()
    const host = await peer(hub, 'host', 'Ada')
    const reader = await peer(hub, 'reader', 'Rita')
    const nobody = await peer(hub, 'nobody')
    link(host, reader)
    const space = await host.createSpace({ name: 'S' })
    await space.admit({ identityKey: reader.identity!.identityKey, role: 'reader' })
    const mine = await reader.openSpace(space.address)
    await eventually(() => mine.members.length === 2)
    expect(() => mine.createInvitation()).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }))
    const invitation = space.createInvitation()
    const j = nobody.join(invitation.code)
    await until(j, 'ready-for-auth')
    await j.authenticate(invitation.authCode!)
    expect(j.state).toBe('error')
    expect(j.error?.code).toBe('NO_IDENTITY')
    expect(decodeInvitationCode(invitation.code).kind).toBe('space')
  })
})

describe('device invitations', () => {
  it('a new device joins the identity, sees its spaces and can be revoked', async () => {
    const hub = new MemorySignalingHub()
    const laptop = await peer(hub, 'laptop', 'Ada')
    const phone = await peer(hub, 'phone')
    link(laptop, phone)
    const space = await laptop.createSpace({ name: 'Notes' })
    space.db.add({ title: 'from laptop' })
    await space.flush()
    const invitation = laptop.createDeviceInvitation()
    const joining = phone.join(invitation.code)
    await until(joining, 'ready-for-auth')
    expect(await joining.authenticate(invitation.authCode!)).toBe('success')
    expect(phone.identity?.identityKey).toBe(laptop.identity!.identityKey)
    expect(phone.identity?.deviceKey).not.toBe(laptop.identity!.deviceKey)
    expect(laptop.devices.map((d) => d.deviceKey).sort()).toEqual([laptop.identity!.deviceKey, phone.identity!.deviceKey].sort())
    await eventually(() => phone.getSpace(space.id)?.db.size === 1)
    await eventually(() => phone.devices.length === 2)
    // The identity's personal space is personal on the new device too.
    expect(phone.defaultSpace?.id).toBe(laptop.defaultSpace!.id)
    expect(phone.getSpace(space.id)?.personal).toBe(false)
    // Spaces created later on any device show up on the others.
    const later = await laptop.createSpace({ name: 'Later' })
    await eventually(() => phone.getSpace(later.id))
    await laptop.revokeDevice(phone.identity!.deviceKey)
    expect(laptop.devices.map((d) => d.deviceKey)).toEqual([laptop.identity!.deviceKey])
    expect(laptop.isRevoked(phone.identity!.deviceKey)).toBe(true)
    await expect(laptop.revokeDevice(laptop.identity!.deviceKey)).rejects.toMatchObject({ code: 'INVALID_VALUE' })
  })
})
