// A dead invitation link fails fast (issue 15): a guest whose code nobody holds any more (used,
// cancelled, its host closed, never online) hears it from the signaling server (the topic is
// empty) and fails with INVITATION_UNAVAILABLE instead of waiting for its 30 s timeout. Over the
// real signaling server; the device-name flow also over real WebRTC on 127.0.0.1. A code holder
// in the topic must not be able to make a live invitation look dead.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createClient, type Client, type Invitation, type Joining } from '../../src/core.ts'
import { startSignalingServer, type SignalingServer } from '../../src/server/index.ts'
import { MemorySignalingHub } from '../../src/testing/index.ts'
import type { Signaling } from '../../src/core/network/Signaling.ts'
import { eventually } from '../core/helpers.ts'

let server: SignalingServer
beforeAll(async () => {
  server = await startSignalingServer({ host: '127.0.0.1', port: 0 })
})
afterAll(async () => {
  await server.close()
})
const clients: Client[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close()
})

async function peer(name: string, displayName?: string, options: { webrtc?: boolean; signaling?: string | Signaling } = {}) {
  const client = await createClient({
    storage: 'memory',
    broadcast: false,
    signaling: options.signaling ?? server.url,
    name,
    ...(options.webrtc ? { bindAddress: '127.0.0.1' } : { webrtc: false }),
  })
  if (displayName) await client.createIdentity({ displayName })
  clients.push(client)
  return client
}
const until = (x: Invitation | Joining, state: string, timeout = 10_000) => eventually(() => x.state === state, timeout)

/** Joins `code` with the default 30 s timeout and waits for the flow to end with a dead-link error. */
async function expectDead(guest: Client, code: string) {
  const joining = guest.join(code)
  await eventually(() => joining.state === 'error', 10_000)
  // Only the fast path reports this code: the 30 s timeout would say NETWORK_FAILED.
  expect(joining.error?.code).toBe('INVITATION_UNAVAILABLE')
  return joining
}

describe('a dead link fails fast with INVITATION_UNAVAILABLE', () => {
  it('cancelled, used, its host closed, or never online', async () => {
    const host = await peer('host', 'Ada')
    const guest = await peer('guest', 'Bob')
    const space = await host.createSpace({ name: 'Board' })

    const cancelled = space.createInvitation()
    cancelled.cancel()
    await expectDead(guest, cancelled.code)

    const used = space.createInvitation()
    const first = guest.join(used.code)
    await until(first, 'ready-for-auth')
    expect(await first.authenticate(used.authCode!)).toBe('success')
    const third = await peer('third', 'Cyd')
    await expectDead(third, used.code)

    // A host that never was online: its code was made by a client without a reachable server.
    const hub = new MemorySignalingHub()
    const offline = await peer('offline', 'Olga', { signaling: hub.client('offline') })
    const never = (await offline.createSpace({ name: 'Elsewhere' })).createInvitation()
    await expectDead(guest, never.code)

    const closing = await peer('closing', 'Carl')
    const lost = (await closing.createSpace({ name: 'Gone' })).createInvitation()
    await closing.close()
    await expectDead(guest, lost.code)
    expect(space.members.map((m) => m.displayName)).toEqual(['Ada', 'Bob'])
  })

  it('a guest that joins the topic before its host does still connects (the host joins within the grace time)', async () => {
    const hub = new MemorySignalingHub()
    const real = hub.client('late-host')
    // The host's own join reaches the "server" 1.5 s late (a host whose socket is still opening).
    const late: Signaling = {
      peerId: real.peerId,
      join: (t) => void setTimeout(() => real.join(t), 1500),
      leave: (t) => real.leave(t),
      send: (topic, to, data) => real.send(topic, to, data),
      on: real.on.bind(real) as Signaling['on'],
    }
    const host = await peer('late-host-client', 'Ada', { signaling: late })
    const guest = await peer('early-guest', 'Bob', { signaling: hub.client('early-guest') })
    const space = await host.createSpace({ name: 'Board' })
    const invitation = space.createInvitation()
    const joining = guest.join(invitation.code)
    await until(joining, 'ready-for-auth')
    expect(await joining.authenticate(invitation.authCode!)).toBe('success')
  })

  it('a server that never answers: NETWORK_FAILED after the fallback, not after the 30 s timeout', async () => {
    const hub = new MemorySignalingHub()
    const real = hub.client('deaf')
    const deaf: Signaling = { peerId: real.peerId, join: () => {}, leave: () => {}, send: () => {}, on: real.on.bind(real) as Signaling['on'] }
    const guest = await peer('deaf-guest', 'Bob', { signaling: deaf })
    const host = await peer('host2', 'Ada')
    const invitation = (await host.createSpace({ name: 'Board' })).createInvitation()
    const joining = guest.join(invitation.code)
    await eventually(() => joining.state === 'error', 10_000)
    expect(joining.error?.code).toBe('NETWORK_FAILED')
    expect(joining.error?.message).toMatch(/did not answer/)
  })

  it('a code holder in the topic cannot make a live invitation look dead: clear "cancel"/"refused"/"expired" and a hello flood; the guest still joins', async () => {
    const host = await peer('host3', 'Ada')
    const guest = await peer('guest3', 'Bob')
    const space = await host.createSpace({ name: 'Board' })
    const invitation = space.createInvitation()
    const { decodeInvitationCode } = await import('../../src/core.ts')
    const { topic } = decodeInvitationCode(invitation.code)
    // Mallory holds the code, so she can be in the topic: a plain signaling client of the real server.
    const { SignalingClient } = await import('../../src/p2p/SignalingClient.ts')
    const { WebSocket } = await import('ws')
    const mallory = new SignalingClient({ urls: server.url, WebSocket })
    mallory.connect()
    try {
      mallory.join(topic)
      const forge = (to: string) => {
        for (const t of ['cancel', 'refused', 'expired', 'replaced', 'result']) mallory.send(topic, to, { t, ok: false, code: 'INVALID_INVITATION' })
        for (let i = 0; i < 40; i++) mallory.send(topic, to, { t: 'hello', v: 2, g: i.toString(16).padStart(64, '0') })
      }
      let inTopic = false
      mallory.on('peer-joined', (e) => e.topic === topic && forge(e.peerId))
      mallory.on('peers', (e) => {
        if (e.topic !== topic) return
        inTopic = true
        e.peers.forEach(forge)
      })
      await eventually(() => inTopic, 5000)
      const joining = guest.join(invitation.code)
      await until(joining, 'ready-for-auth', 15_000)
      expect(joining.error).toBeUndefined()
      expect(await joining.authenticate(invitation.authCode!)).toBe('success')
    } finally {
      mallory.close()
    }
  })
})

describe('device name over the real server and WebRTC', () => {
  it('the new device is listed under the name it was given, on both devices', async () => {
    const laptop = await peer('laptop', 'Ada', { webrtc: true })
    const phone = await peer('phone', undefined, { webrtc: true })
    const invitation = laptop.createDeviceInvitation()
    const joining = phone.join(invitation.code, { deviceName: 'Phone' })
    await until(joining, 'ready-for-auth')
    expect(joining.getSnapshot().invitedBy).toBe('Ada')
    expect(await joining.authenticate(invitation.authCode!)).toBe('success')
    const label = (c: Client) => c.devices.find((d) => d.deviceKey === phone.identity!.deviceKey)?.label
    expect(label(laptop)).toBe('Phone')
    // The phone learns its own entry from the HALO, synced over WebRTC.
    await eventually(() => label(phone) === 'Phone' && phone.devices.length === 2, 20_000)
  }, 30_000)
})
