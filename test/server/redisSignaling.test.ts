import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createClient, type Client } from '../../src/core.ts'
import { SignalingClient } from '../../src/p2p/index.ts'
import { startSignalingServer } from '../../src/server/index.ts'
import { eventually } from '../core/helpers.ts'
import { startRedisProcess } from '../support/redisProcess.ts'
import { startSignalingProcess } from '../support/signalingProcess.ts'

// Signaling across processes: two real server processes sharing topics through a real
// redis-server on loopback; peers split across them find each other and replicate.
let redis: Awaited<ReturnType<typeof startRedisProcess>>
beforeAll(async () => {
  redis = await startRedisProcess()
})
afterAll(async () => {
  await redis.stop()
})
const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop()
})
async function server() {
  const s = await startSignalingProcess(['--redis', redis.url])
  stops.push(s.stop)
  return s
}
function signaling(url: string | string[]) {
  const sc = new SignalingClient({ urls: url, WebSocket, reconnect: { minDelayMs: 20, maxDelayMs: 200 } })
  stops.push(async () => sc.close())
  const seen = { peers: [] as string[][], joined: [] as string[], left: [] as string[], signals: [] as unknown[] }
  sc.on('peers', (e) => seen.peers.push(e.peers))
  sc.on('peer-joined', (e) => seen.joined.push(e.peerId))
  sc.on('peer-left', (e) => seen.left.push(e.peerId))
  sc.on('signal', (e) => seen.signals.push({ from: e.from, data: e.data }))
  sc.connect()
  return { sc, seen }
}
async function member(name: string, urls: string | string[]): Promise<Client> {
  const client = await createClient({ storage: 'memory', signaling: urls, bindAddress: '127.0.0.1', broadcast: false, name })
  stops.push(() => client.close())
  await client.createIdentity({ displayName: name })
  return client
}
const topic = 'redis-topic-0123456789abcdef'

describe('signaling across processes (Redis)', () => {
  it('peers on two processes see each other join and leave, and signal each other', async () => {
    const [one, two] = [await server(), await server()]
    const a = signaling(one.url)
    await eventually(() => a.sc.status === 'open')
    a.sc.join(topic)
    await eventually(() => a.seen.peers.length === 1)
    const b = signaling(two.url)
    await eventually(() => b.sc.status === 'open')
    b.sc.join(topic)
    await eventually(() => b.seen.peers.length === 1)
    expect(b.seen.peers[0]).toEqual([a.sc.peerId]) // the newcomer's list spans both processes
    await eventually(() => a.seen.joined.includes(b.sc.peerId))
    b.sc.send(topic, a.sc.peerId, { hello: 'from bob' })
    await eventually(() => a.seen.signals.length === 1)
    expect(a.seen.signals[0]).toEqual({ from: b.sc.peerId, data: { hello: 'from bob' } })
    a.sc.send(topic, b.sc.peerId, { hi: 'back' })
    await eventually(() => b.seen.signals.length === 1)
    b.sc.leave(topic)
    await eventually(() => a.seen.left.includes(b.sc.peerId))
  })

  it('echo-kit clients on different processes replicate; when one process dies its clients fail over', async () => {
    const [one, two] = [await server(), await server()]
    const ada = await member('ada', [one.url, two.url])
    const bob = await member('bob', two.url)
    const space = await ada.createSpace({ name: 'Clustered' })
    const task = space.db.add({ title: 'across processes' })
    await space.admit({ identityKey: bob.identity!.identityKey })
    const remote = await bob.openSpace(space.address, { timeout: 20_000 })
    await eventually(() => remote.db.get(task['@id'])?.title === 'across processes', 20_000)

    // Process one dies without a goodbye; Ada's signaling moves to process two.
    await one.kill()
    await eventually(() => ada.network.getSnapshot().signaling === 'connecting' || ada.network.getSnapshot().signaling === 'open', 10_000)
    // A newcomer on process two finds Ada there, and gets Ada's later writes.
    const cy = await member('cy', two.url)
    await space.admit({ identityKey: cy.identity!.identityKey })
    space.db.add({ title: 'after the crash' })
    await bob.close()
    const third = await cy.openSpace(space.address, { timeout: 30_000 })
    await eventually(() => third.db.query({ title: 'after the crash' }).objects.length === 1, 30_000)
  })

  it('a wrong Redis URL fails the start with a clear error', async () => {
    await expect(startSignalingServer({ port: 0, redis: 'redis://127.0.0.1:1' })).rejects.toThrow()
    await expect(startSignalingServer({ redis: 'http://nope' })).rejects.toThrow(/redis/)
  })
})
