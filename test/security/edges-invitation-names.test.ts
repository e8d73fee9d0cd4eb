// Names that cross an invitation (issue 15): the new device's name (guest -> host) and the host's
// and space's names (host -> guest) travel only inside the sealed channel, are claims of the
// authenticated other side, and arrive as one line of bounded plain text. Attacks come from
// modified clients: public parts plus the smallest override of their own checks.
import nacl from 'tweetnacl'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { MemorySignalingHub } from '../../src/testing/index.ts'
import type { Client, Invitation, Joining } from '../../src/core.ts'
import { displayText, Joining as JoiningFlow, type JoiningContext } from '../../src/core/invitations/index.ts'
import { SealedChannel } from '../../src/core/invitations/SealedChannel.ts'
import { eventually, link } from '../core/helpers.ts'
import { hubPeers } from '../support/hubPeers.ts'

afterEach(() => {
  vi.restoreAllMocks()
})

const peer = hubPeers()

const until = (x: Invitation | Joining, ...states: string[]) => eventually(() => states.includes(x.state), 8000)
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')

/** A modified new device: the real Joining flow, but it presents `displayName` as it likes. */
function namedDevice(hub: MemorySignalingHub, name: string, code: string, displayName: unknown) {
  const signaling = hub.client(name)
  const keys = nacl.sign.keyPair()
  const context: JoiningContext = {
    signaling: () => signaling,
    guestInfo: () => ({ info: { deviceKey: hex(keys.publicKey), displayName }, sign: (m) => nacl.sign.detached(m, keys.secretKey) }),
    complete: async () => undefined,
  }
  return new JoiningFlow(code, context, { timeout: 5000 })
}

describe('displayText', () => {
  it('keeps one line of plain text: controls and bidi overrides out, whitespace folded, cut by code points', () => {
    expect(displayText('  Ada\u202e\n\tLovelace\u0000 ')).toBe('Ada Lovelace')
    expect(displayText('<b>Board</b>')).toBe('<b>Board</b>') // markup stays text: React escapes it
    expect(displayText('😀'.repeat(70))).toBe('😀'.repeat(64))
    expect(displayText('a'.repeat(201))).toBeUndefined()
    for (const bad of [42, null, {}, ['Ada'], '\u0007\u2028 ']) expect(displayText(bad)).toBeUndefined()
  })
})

describe('the new device is asked for its name', () => {
  it('the name given to join() is the label on both devices, cleaned and cut on the way', async () => {
    const hub = new MemorySignalingHub()
    const laptop = await peer(hub, 'laptop', 'Ada')
    const phone = await peer(hub, 'phone')
    link(laptop, phone)
    const invitation = laptop.createDeviceInvitation()
    const joining = phone.join(invitation.code, { deviceName: ' Phone\u202e\n of Ada ' })
    await until(joining, 'ready-for-auth')
    expect(await joining.authenticate(invitation.authCode!)).toBe('success')
    const label = (c: Client) => c.devices.find((d) => d.deviceKey === phone.identity!.deviceKey)?.label
    expect(label(laptop)).toBe('Phone of Ada')
    await eventually(() => label(phone) === 'Phone of Ada')
    // The name crossed the relay only inside the sealed channel.
    expect(JSON.stringify(hub.log)).not.toContain('Phone')
  })

  it('authenticate() may name the device when the name is asked for with the code; without a name the client name stays the label', async () => {
    const hub = new MemorySignalingHub()
    const laptop = await peer(hub, 'laptop', 'Ada')
    const phone = await peer(hub, 'phone-client')
    const invitation = laptop.createDeviceInvitation()
    const joining = phone.join(invitation.code, { deviceName: 'overridden' })
    await until(joining, 'ready-for-auth')
    expect(await joining.authenticate(invitation.authCode!, { deviceName: 'Tablet' })).toBe('success')
    expect(laptop.devices.find((d) => !d.current)?.label).toBe('Tablet')

    // The user's own over-long name is cut on this side, not refused by the host.
    const watch = await peer(hub, 'watch-client')
    const third = laptop.createDeviceInvitation()
    const j3 = watch.join(third.code, { deviceName: 'W'.repeat(300) })
    await until(j3, 'ready-for-auth')
    expect(await j3.authenticate(third.authCode!)).toBe('success')
    expect(laptop.devices.find((d) => d.deviceKey === watch.identity!.deviceKey)?.label).toBe('W'.repeat(64))

    const tv = await peer(hub, 'tv-client')
    const second = laptop.createDeviceInvitation()
    const j2 = tv.join(second.code)
    await until(j2, 'ready-for-auth')
    expect(await j2.authenticate(second.authCode!)).toBe('success')
    // Not asked (an app calling join() without a name): the client's name, as before.
    expect(laptop.devices.find((d) => d.deviceKey === tv.identity!.deviceKey)?.label).toBe('tv-client')
  })

  it('a modified device sending a name that is not text, or is huge, is refused with a typed error; nobody is added; the host runs on', async () => {
    const hub = new MemorySignalingHub()
    const laptop = await peer(hub, 'laptop', 'Ada')
    for (const [i, bad] of [{ toString: 'x' }, 42, 'x'.repeat(10_000), ['Phone']].entries()) {
      const invitation = laptop.createDeviceInvitation()
      const joining = namedDevice(hub, `mallory-${i}`, invitation.code, bad)
      await until(joining, 'ready-for-auth')
      expect(await joining.authenticate(invitation.authCode!)).toBe('error')
      expect(joining.error?.code).toBe('INVALID_INVITATION')
      expect(invitation.state).toBe('error')
      expect(invitation.error?.code).toBe('INVALID_INVITATION')
    }
    expect(laptop.devices).toHaveLength(1)
    // A name within bounds but full of controls is admitted, cleaned.
    const invitation = laptop.createDeviceInvitation()
    const joining = namedDevice(hub, 'odd', invitation.code, `\u0007${'é'.repeat(150)}\u202e`)
    await until(joining, 'ready-for-auth')
    expect(await joining.authenticate(invitation.authCode!)).toBe('success')
    expect(laptop.devices.find((d) => !d.current)?.label).toBe('é'.repeat(64))
  })
})

describe('the guest sees who invited it, and to which space', () => {
  it("the host's and the space's names arrive sealed once the guest proved the code, before the auth code", async () => {
    const hub = new MemorySignalingHub()
    const host = await peer(hub, 'host', 'Ada Lovelace')
    const guest = await peer(hub, 'guest', 'Bob')
    const space = await host.createSpace({ name: 'Board' })
    const invitation = space.createInvitation()
    const joining = guest.join(invitation.code)
    expect(joining.getSnapshot().invitedBy).toBeUndefined()
    await until(joining, 'ready-for-auth')
    expect(joining.getSnapshot()).toMatchObject({ invitedBy: 'Ada Lovelace', spaceName: 'Board' })
    const relayed = JSON.stringify(hub.log)
    expect(relayed).not.toContain('Lovelace')
    expect(relayed).not.toContain('Board')
    // A device invitation names the host only.
    const phone = await peer(hub, 'phone')
    const device = host.createDeviceInvitation()
    const linking = phone.join(device.code)
    await until(linking, 'ready-for-auth')
    expect(linking.getSnapshot()).toMatchObject({ invitedBy: 'Ada Lovelace' })
    expect(linking.getSnapshot().spaceName).toBeUndefined()
  })

  it('a modified host sending hostile names: the guest keeps plain bounded text, drops what is not text, and still joins', async () => {
    const hub = new MemorySignalingHub()
    const host = await peer(hub, 'host', 'Ada')
    const guest = await peer(hub, 'guest', 'Bob')
    const space = await host.createSpace({ name: 'Board' })
    // The host's smallest override: what it seals as `bound` carries names it did not clean.
    const seal = SealedChannel.prototype.seal
    vi.spyOn(SealedChannel.prototype, 'seal').mockImplementation(function (this: SealedChannel, message: unknown) {
      const m = message as Record<string, unknown>
      const forged = m?.t === 'bound' ? { ...m, hostName: `<img src=x onerror=alert(1)>\u202e\u0007\n${'A'.repeat(150)}`, spaceName: { html: '<b>' } } : m
      return seal.call(this, forged)
    })
    const invitation = space.createInvitation()
    const joining = guest.join(invitation.code)
    await until(joining, 'ready-for-auth')
    const { invitedBy, spaceName } = joining.getSnapshot()
    expect(spaceName).toBeUndefined()
    expect(invitedBy).toBe(`<img src=x onerror=alert(1)> ${'A'.repeat(150)}`.slice(0, 64))
    expect(invitedBy).not.toMatch(/[\u0000-\u001f\u202e]/)
    expect(await joining.authenticate(invitation.authCode!)).toBe('success')
  })
})
