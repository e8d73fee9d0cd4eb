import { describe, expect, it } from 'vitest'
import { createClient, MemoryStorageAdapter, type Invitation, type Joining } from '../../src/core.ts'
import { generateIdentity } from '../../src/core/identity/index.ts'
import { eventually } from '../core/helpers.ts'
import { networkPeers } from '../support/networkPeers.ts'

// Invitations, removal and revocation over the real signaling server and WebRTC, on loopback.
const net = networkPeers()
const peer = (name: string, displayName?: string) => net.peer(displayName ?? name, { name, identity: !!displayName })

const until = (x: Invitation | Joining, state: string) => eventually(() => x.state === state, 15_000)

describe('invitations over the network', () => {
  it('a guest joins with the auth code and both edit the space both ways', async () => {
    const ada = await peer('ada', 'Ada')
    const bob = await peer('bob', 'Bob')
    const space = await ada.createSpace({ name: 'Trip' })
    const plan = space.db.add({ '@type': 'plan', title: 'Oslo' })
    const invitation = space.createInvitation()
    const joining = bob.join(invitation.code)
    await until(invitation, 'ready-for-auth')
    await until(joining, 'ready-for-auth')
    expect(await joining.authenticate(invitation.authCode!)).toBe('success')
    const mine = joining.space!
    await eventually(() => mine.db.get(plan['@id'])?.title === 'Oslo', 20_000)
    mine.db.get(plan['@id'])!.title = 'Bergen'
    await eventually(() => plan.title === 'Bergen', 20_000)
    expect(mine.members.map((m) => m.displayName).sort()).toEqual(['Ada', 'Bob'])
  })

  it('a removed member is cut off while the others keep syncing', async () => {
    const [ada, bob, cy] = [await peer('ada', 'Ada'), await peer('bob', 'Bob'), await peer('cy', 'Cy')]
    const space = await ada.createSpace({ name: 'Club' })
    await space.admit({ identityKey: bob.identity!.identityKey })
    await space.admit({ identityKey: cy.identity!.identityKey })
    const sb = await bob.openSpace(space.address)
    const sc = await cy.openSpace(space.address)
    const note = space.db.add({ text: 'v1' })
    await eventually(() => sb.db.get(note['@id']) && sc.db.get(note['@id']), 20_000)
    await space.removeMember(bob.identity!.identityKey)
    await eventually(() => sc.members.length === 2, 20_000)
    note.text = 'v2 (after removal)'
    space.db.add({ text: 'new after removal' })
    await eventually(() => sc.db.get(note['@id'])?.text === 'v2 (after removal)' && sc.db.size === 2, 20_000)
    await new Promise((r) => setTimeout(r, 1500))
    expect(sb.db.get(note['@id'])?.text).toBe('v1')
    expect(sb.db.size).toBe(1)
  })

  it('a revoked device is cut off; the identity\'s other devices go on', async () => {
    const laptop = await peer('laptop', 'Ada')
    const phone = await peer('phone')
    const bob = await peer('bob', 'Bob')
    const space = await laptop.createSpace({ name: 'Shared' })
    await space.admit({ identityKey: bob.identity!.identityKey })
    const sb = await bob.openSpace(space.address)
    const invitation = laptop.createDeviceInvitation()
    const joining = phone.join(invitation.code)
    await until(joining, 'ready-for-auth')
    expect(await joining.authenticate(invitation.authCode!)).toBe('success')
    const onPhone = (await eventually(() => phone.getSpace(space.id), 20_000))!
    const doc = space.db.add({ v: 1 })
    await eventually(() => onPhone.db.get(doc['@id']) && sb.db.get(doc['@id']), 20_000)
    await laptop.revokeDevice(phone.identity!.deviceKey)
    await eventually(() => bob.isRevoked(phone.identity!.deviceKey), 20_000)
    doc.v = 2
    await eventually(() => sb.db.get(doc['@id'])?.v === 2, 20_000)
    await new Promise((r) => setTimeout(r, 1500))
    expect(onPhone.db.get(doc['@id'])?.v).toBe(1)
  })

  it('a peer whose credential chain does not verify is refused', async () => {
    const ada = await peer('ada', 'Ada')
    const space = await ada.createSpace({ name: 'Guarded' })
    space.db.add({ secret: true })
    await space.flush()
    // Mallory runs a modified client: she edits her stored identity to claim Ada's identity key,
    // with a device credential she forged for her own device.
    const storage = new MemoryStorageAdapter()
    const setup = await createClient({ storage, signaling: false, broadcast: false, name: 'mallory' })
    await setup.createIdentity({ displayName: 'Mallory' })
    await setup.close()
    const key = ['echo-kit', 'client']
    const record = JSON.parse(new TextDecoder().decode(await storage.load(key)))
    const fake = generateIdentity('Ada')
    Object.assign(record.identity, { identityKey: ada.identity!.identityKey, deviceCredential: { ...fake.deviceCredential, identityKey: ada.identity!.identityKey, issuer: ada.identity!.identityKey, signer: ada.identity!.identityKey } })
    await storage.save(key, new TextEncoder().encode(JSON.stringify(record)))
    const mallory = await createClient({ storage, broadcast: false, signaling: net.server.url, bindAddress: '127.0.0.1', name: 'mallory' })
    net.track(mallory)
    const stolen = await mallory.openSpace(space.address, { timeout: 4000 })
    expect(stolen.db.size).toBe(0)
    expect(ada.network.getSnapshot().peers).toBe(0)
  })
})

describe('a man-in-the-middle relay', () => {
  it('swapping keys makes the guest fail, admits nobody, and never sees the auth code', async () => {
    const { WebSocketServer, WebSocket } = await import('ws')
    const nacl = (await import('tweetnacl')).default
    const mallory = nacl.box.keyPair()
    const seen: string[] = []
    // A relay between the guest and the real server that replaces the guest's key in its hello.
    const relay = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    relay.on('connection', (guestSide) => {
      const serverSide = new WebSocket(net.server.url)
      const queue: string[] = []
      serverSide.on('open', () => queue.splice(0).forEach((m) => serverSide.send(m)))
      guestSide.on('message', (raw) => {
        let text = raw.toString()
        seen.push(text)
        const frame = JSON.parse(text)
        if (frame.type === 'signal' && frame.data?.t === 'hello') {
          frame.data.g = Buffer.from(mallory.publicKey).toString('hex')
          text = JSON.stringify(frame)
        }
        if (serverSide.readyState === WebSocket.OPEN) serverSide.send(text)
        else queue.push(text)
      })
      serverSide.on('message', (raw) => {
        seen.push(raw.toString())
        guestSide.send(raw.toString())
      })
      guestSide.on('close', () => serverSide.close())
      serverSide.on('close', () => guestSide.close())
    })
    await new Promise((r) => relay.once('listening', r))
    const relayUrl = `ws://127.0.0.1:${(relay.address() as { port: number }).port}`
    try {
      const ada = await peer('ada', 'Ada')
      const bob = await createClient({ storage: 'memory', broadcast: false, signaling: relayUrl, bindAddress: '127.0.0.1', name: 'bob' })
      net.track(bob)
      await bob.createIdentity({ displayName: 'Bob' })
      const space = await ada.createSpace({ name: 'Target' })
      const invitation = space.createInvitation()
      const joining = bob.join(invitation.code, { timeout: 4000 })
      await until(joining, 'error')
      // Mallory's key cannot answer the host's sealed challenge without the code: no slot, no auth code.
      expect(invitation.state).toBe('connecting')
      expect(invitation.authCode).toBeUndefined()
      expect(space.members).toHaveLength(1)
      expect(seen.some((f) => f.includes('"t":"inv"'))).toBe(true)
      expect(seen.some((f) => f.includes('"t":"hello"'))).toBe(true)
    } finally {
      for (const ws of relay.clients) ws.terminate()
      await new Promise((r) => relay.close(r))
    }
  })
})
