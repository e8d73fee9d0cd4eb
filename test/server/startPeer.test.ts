import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createClient, type Client } from '../../src/core.ts'
import { startPeer, type AlwaysOnPeer } from '../../src/server/index.ts'
import { eventually } from '../core/helpers.ts'
import { startSignalingProcess } from '../support/signalingProcess.ts'

// The always-on peer over the real signaling server and WebRTC (node-datachannel, loopback).
let server: Awaited<ReturnType<typeof startSignalingProcess>>
beforeAll(async () => {
  server = await startSignalingProcess()
})
afterAll(async () => {
  await server.stop()
})
const dirs: string[] = []
const open: { close(): Promise<void> }[] = []
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'echo-kit-peer-'))
  dirs.push(d)
  return d
}
async function member(name: string, directory?: string): Promise<Client> {
  const client = await createClient({ storage: directory ? { directory } : 'memory', signaling: server.url, bindAddress: '127.0.0.1', broadcast: false, name })
  open.push(client)
  return client
}
async function peer(directory: string): Promise<AlwaysOnPeer> {
  const p = await startPeer({ directory, signaling: server.url, bindAddress: '127.0.0.1', port: 0 })
  open.push(p)
  return p
}
const closeNow = async (x: { close(): Promise<void> }) => {
  await x.close()
  open.splice(open.indexOf(x), 1)
}

describe('startPeer (always-on peer)', () => {
  it('keeps a space available when its members are gone, and merges later offline edits', async () => {
    const peerDir = tempDir()
    const adaDir = tempDir()
    const always = await peer(peerDir)
    expect(always.client.identity?.displayName).toBe('Always-on peer')

    // Ada writes and admits the peer and Bob, then closes her browser.
    const ada = await member('ada', adaDir)
    await ada.createIdentity({ displayName: 'Ada' })
    const space = await ada.createSpace({ name: 'Kept' })
    const task = space.db.add({ '@type': 'task', title: 'Written by Ada', done: false })
    await space.admit({ identityKey: always.client.identity!.identityKey })
    const bobId = await (async () => {
      const probe = await member('bob-setup')
      await probe.createIdentity({ displayName: 'Bob' })
      return probe
    })()
    await space.admit({ identityKey: bobId.identity!.identityKey })
    const served = await always.serve(space.address)
    await eventually(() => served.db.get(task['@id'])?.title === 'Written by Ada', 20_000)
    await closeNow(ada)

    // Bob never met Ada: he gets everything from the peer.
    const bobSpace = await bobId.openSpace(space.address, { timeout: 20_000 })
    await eventually(() => bobSpace.db.get(task['@id'])?.title === 'Written by Ada', 20_000)
    await closeNow(bobId)

    // Ada comes back, edits offline, goes online; her edit reaches the peer, then she leaves again.
    const again = await member('ada', adaDir)
    again.setOnline(false)
    const mine = again.getSpace(space.id)!
    await mine.whenReady()
    ;(mine.db.get(task['@id']) as Record<string, unknown>).done = true
    await mine.flush()
    again.setOnline(true)
    await eventually(() => served.db.get(task['@id'])?.done === true, 20_000)

    // /health and /metrics describe it.
    const health = await (await fetch(`${always.url}/health`)).json()
    expect(health).toMatchObject({ status: 'ok', identityKey: always.client.identity!.identityKey, spaces: 2 })
    const metrics = await (await fetch(`${always.url}/metrics`)).text()
    expect(metrics).toMatch(/^echo_kit_spaces 2$/m)
    expect(metrics).toMatch(/^echo_kit_objects [1-9]\d*$/m)
    expect(metrics).toContain('# TYPE echo_kit_peers gauge')
    expect(metrics).toMatch(/^echo_kit_disk_bytes [1-9]\d*$/m)
    expect((await fetch(`${always.url}/nope`)).status).toBe(404)
  })

  it('restarts from its files with the same identity and data', async () => {
    const dir = tempDir()
    const first = await peer(dir)
    const owner = await member('owner')
    await owner.createIdentity({ displayName: 'Owner' })
    const space = await owner.createSpace({ name: 'Durable' })
    const note = space.db.add({ text: 'still here' })
    await space.admit({ identityKey: first.client.identity!.identityKey })
    const served = await first.serve(space.address)
    await eventually(() => served.db.get(note['@id'])?.text === 'still here', 20_000)
    const identityKey = first.client.identity!.identityKey
    await closeNow(owner)
    await closeNow(first)

    const second = await peer(dir)
    expect(second.client.identity?.identityKey).toBe(identityKey)
    const resumed = second.client.getSpace(space.id)!
    await resumed.whenReady()
    expect(resumed.db.get(note['@id'])?.text).toBe('still here')
    await second.stopServing(space.id)
    expect(second.client.getSpace(space.id)).toBeUndefined()
    await expect(second.stopServing(space.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('refuses a missing directory with a typed error', async () => {
    await expect(startPeer({ directory: '', signaling: server.url })).rejects.toMatchObject({ code: 'INVALID_VALUE' })
  })
})

describe('startPeer as a device of your identity', () => {
  it('joins with a device invitation and the auth code, then serves all of the identity\'s spaces', async () => {
    const ada = await member('ada-devices')
    await ada.createIdentity({ displayName: 'Ada' })
    const board = await ada.createSpace({ name: 'Board' })
    const note = board.db.add({ text: 'for every device' })
    await board.flush()
    const invitation = ada.createDeviceInvitation()
    const asked: string[] = []
    const started = startPeer({
      directory: tempDir(),
      signaling: server.url,
      bindAddress: '127.0.0.1',
      port: 0,
      deviceInvitation: invitation.code,
      authCode: async () => {
        await eventually(() => invitation.state === 'ready-for-auth' && invitation.authCode, 20_000)
        asked.push(invitation.authCode!)
        return asked.length === 1 ? '000000' === invitation.authCode ? '111111' : '000000' : invitation.authCode!
      },
    })
    const always = await started
    open.push(always)
    expect(asked.length).toBe(2) // a wrong code first, then the right one
    expect(always.client.identity?.identityKey).toBe(ada.identity!.identityKey)
    await eventually(() => always.client.getSpace(board.id)?.db.get(note['@id'])?.text === 'for every device', 30_000)
  })

  it('refuses a device invitation without a way to get the auth code', async () => {
    await expect(startPeer({ directory: tempDir(), signaling: server.url, port: 0, deviceInvitation: 'x' })).rejects.toMatchObject({ code: 'INVALID_VALUE' })
  })
})
