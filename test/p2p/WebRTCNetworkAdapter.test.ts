// Automerge must be initialised before the shared suite's module graph loads.
import { Repo, type PeerId } from '@automerge/automerge-repo'
import { runNetworkAdapterTests } from '@automerge/automerge-repo/helpers/tests/network-adapter-tests.js'
import { RTCPeerConnection as PolyfillRTCPeerConnection } from 'node-datachannel/polyfill'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { MemorySignalingHub } from '../../src/testing/index.ts'
import type { Signaling } from '../../src/core/network/Signaling.ts'
import { SignalingClient } from '../../src/p2p/SignalingClient.ts'
import { startSignalingServer } from '../../src/server/startSignalingServer.ts'
import type { SessionHooks } from '../../src/p2p/SessionHooks.ts'
import { WebRTCNetworkAdapter, type WebRTCNetworkAdapterOptions } from '../../src/p2p/WebRTCNetworkAdapter.ts'

// Compile-time: the ws-based client must fit the interface the adapter depends on.
const signalingClientFits: SignalingClient extends Signaling ? true : false = true
void signalingClientFits

const TOPIC = 'topic-1'
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))
const adapters: WebRTCNetworkAdapter[] = []
const repos: Repo[] = []

afterEach(async () => {
  const done = repos.splice(0)
  // automerge-repo 2.5.6 leaves a document that is mid-sync at shutdown waiting 60 s and then
  // rejects unhandled; let in-flight syncs finish first.
  const busy = () => done.some((r) => Object.values(r.handles).some((h) => !h.inState(['ready', 'unavailable', 'deleted', 'unloaded'])))
  for (let i = 0; i < 100 && busy(); i++) await pause(20)
  await Promise.all(done.map((r) => r.shutdown()))
  for (const a of adapters.splice(0)) a.disconnect()
})

function makeAdapter(
  hub: MemorySignalingHub,
  signalingId: string,
  options: Partial<WebRTCNetworkAdapterOptions> = {},
): WebRTCNetworkAdapter {
  const adapter = new WebRTCNetworkAdapter({
    signaling: hub.client(signalingId),
    topic: TOPIC,
    bindAddress: '127.0.0.1',
    ...options,
  })
  adapters.push(adapter)
  return adapter
}

function makeRepo(adapter: WebRTCNetworkAdapter, peerId: string): Repo {
  const repo = new Repo({ network: [adapter], peerId: peerId as PeerId })
  repos.push(repo)
  return repo
}

/** Resolves with the next `event` of `emitter`; fails the test after `ms`. */
function next<T = unknown>(
  // Loose on purpose: eventemitter3's typed `once` overloads do not fit a generic signature.
  emitter: { once(event: never, fn: never): unknown },
  event: string,
  ms = 10_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${event}' within ${ms} ms`)), ms)
    const once = emitter.once.bind(emitter) as (event: string, fn: (e: T) => void) => unknown
    once(event, (e) => {
      clearTimeout(timer)
      resolve(e)
    })
  })
}

async function until(predicate: () => boolean, ms = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}


/** An RTCPeerConnection class that remembers its instances, so tests can break one. */
function trackingRTCPeerConnection() {
  const instances: RTCPeerConnection[] = []
  class Tracking extends PolyfillRTCPeerConnection {
    constructor(config?: RTCConfiguration) {
      super(config as never)
      instances.push(this as unknown as RTCPeerConnection)
    }
  }
  return { RTCPeerConnection: Tracking as unknown as typeof RTCPeerConnection, instances }
}

/** Two adapters on one hub, connected (both saw 'peer-candidate'). */
async function connectedPair(options: Partial<WebRTCNetworkAdapterOptions> = {}) {
  const hub = new MemorySignalingHub()
  const a = makeAdapter(hub, 'sig-a', options)
  const b = makeAdapter(hub, 'sig-b', options)
  const both = Promise.all([next(a, 'peer-candidate'), next(b, 'peer-candidate')])
  a.connect('A' as PeerId, {})
  b.connect('B' as PeerId, {})
  await both
  return { hub, a, b }
}

runNetworkAdapterTests(async () => {
  const hub = new MemorySignalingHub()
  const trio = [makeAdapter(hub, 'sig-a'), makeAdapter(hub, 'sig-b'), makeAdapter(hub, 'sig-c')] as const
  return { adapters: [...trio], teardown: () => trio.forEach((a) => a.disconnect()) }
}, 'WebRTCNetworkAdapter')

type Doc = Record<string, unknown>

describe('WebRTCNetworkAdapter between two Repos', () => {
  it('syncs a document both ways', async () => {
    const hub = new MemorySignalingHub()
    const alice = makeRepo(makeAdapter(hub, 'sig-a'), 'alice')
    const bob = makeRepo(makeAdapter(hub, 'sig-b'), 'bob')
    const handleA = alice.create<Doc>({ title: 'hello' })
    const handleB = await bob.find<Doc>(handleA.url)
    expect(handleB.doc().title).toBe('hello')

    const changed = next(handleA, 'change')
    handleB.change((d) => void (d.title = 'hi from bob'))
    await changed
    expect(handleA.doc().title).toBe('hi from bob')
  })

  it('syncs a 10,000-key document', async () => {
    const hub = new MemorySignalingHub()
    const alice = makeRepo(makeAdapter(hub, 'sig-a'), 'alice')
    const handleA = alice.create<Doc>()
    handleA.change((d) => {
      for (let i = 0; i < 10_000; i++) d[`object-${i}`] = { title: `Task number ${i}`, done: i % 3 === 0, n: i }
    })
    // Bob arrives later, so everything travels in his first sync.
    const bob = makeRepo(makeAdapter(hub, 'sig-b'), 'bob')
    const handleB = await bob.find<Doc>(handleA.url)
    await until(() => Object.keys(handleB.doc()).length === 10_000, 20_000, '10,000 keys on bob')
    expect(handleB.doc()['object-9999']).toEqual({ title: 'Task number 9999', done: true, n: 9999 })
  })

  it('connects when both sides offer at once (glare), whoever is polite', async () => {
    for (const [first, second] of [
      ['sig-a', 'sig-b'],
      ['sig-z', 'sig-y'],
    ] as const) {
      // Both joins land in the same tick and each `peers` reply lists the other: both dial.
      const hub = new MemorySignalingHub({ rosterAtDelivery: true })
      const a = makeAdapter(hub, first)
      const b = makeAdapter(hub, second)
      const both = Promise.all([next(a, 'peer-candidate'), next(b, 'peer-candidate')])
      a.connect('A' as PeerId, {})
      b.connect('B' as PeerId, {})
      await both
      const offers = hub.log.filter((s) => (s.data as { desc?: { type: string } }).desc?.type === 'offer')
      expect(new Set(offers.map((s) => s.from))).toEqual(new Set([first, second]))
      // And the channel carries data both ways.
      const toB = next<{ type: string }>(b, 'message')
      const toA = next<{ type: string }>(a, 'message')
      a.send({ type: 'ping', senderId: 'A', targetId: 'B' } as never)
      b.send({ type: 'pong', senderId: 'B', targetId: 'A' } as never)
      expect((await toB).type).toBe('ping')
      expect((await toA).type).toBe('pong')
      a.disconnect()
      b.disconnect()
    }
  })

  it('reconnects to a peer that goes away and comes back, and catches up', async () => {
    const hub = new MemorySignalingHub()
    const adapterA = makeAdapter(hub, 'sig-a')
    const adapterB = makeAdapter(hub, 'sig-b')
    const alice = makeRepo(adapterA, 'alice')
    const bob = makeRepo(adapterB, 'bob')
    const handleA = alice.create<Doc>({ n: 1 })
    const handleB = await bob.find<Doc>(handleA.url)

    const gone = next(adapterA, 'peer-disconnected')
    adapterB.disconnect()
    await gone
    handleA.change((d) => void (d.n = 2)) // made while bob is away

    const back = Promise.all([next(adapterA, 'peer-candidate'), next(adapterB, 'peer-candidate')])
    adapterB.connect('bob' as PeerId)
    await back
    await until(() => handleB.doc().n === 2, 10_000, 'bob to catch up')
  })

  it('redials a connection that breaks while the peer stays in the topic', async () => {
    const hub = new MemorySignalingHub()
    const trackA = trackingRTCPeerConnection()
    const adapterA = makeAdapter(hub, 'sig-a', { RTCPeerConnection: trackA.RTCPeerConnection, retryBaseMs: 50 })
    const adapterB = makeAdapter(hub, 'sig-b', { retryBaseMs: 50 })
    const alice = makeRepo(adapterA, 'alice')
    const bob = makeRepo(adapterB, 'bob')
    const handleA = alice.create<Doc>({ n: 1 })
    const handleB = await bob.find<Doc>(handleA.url)

    const lost = Promise.all([next(adapterA, 'peer-disconnected'), next(adapterB, 'peer-disconnected')])
    const back = Promise.all([next(adapterA, 'peer-candidate'), next(adapterB, 'peer-candidate')])
    expect(trackA.instances).toHaveLength(1)
    trackA.instances[0]!.close() // the network breaks underneath the adapter
    await lost
    await back
    expect(trackA.instances.length).toBeGreaterThan(1)
    expect(adapterA.connectedPeers()).toEqual(['bob'])

    const changed = next(handleB, 'change')
    handleA.change((d) => void (d.n = 2))
    await changed
    expect(handleB.doc().n).toBe(2)
  })

  it('refusePeer() cuts a peer off, and neither side redials it', async () => {
    const trackB = trackingRTCPeerConnection()
    const { a, b } = await connectedPair({ retryBaseMs: 20, RTCPeerConnection: trackB.RTCPeerConnection })
    const gone = Promise.all([next(a, 'peer-disconnected'), next(b, 'peer-disconnected')])
    a.refusePeer('B' as PeerId)
    await gone
    await pause(300) // many retry periods
    expect(a.connectedPeers()).toEqual([])
    expect(b.connectedPeers()).toEqual([])
    expect(trackB.instances).toHaveLength(2) // one per adapter: both use the tracking class
  })

  it('is ready at once when alone, and only after connecting when others are there', async () => {
    const hub = new MemorySignalingHub()
    const a = makeAdapter(hub, 'sig-a')
    a.connect('A' as PeerId, {})
    await a.whenReady()
    const b = makeAdapter(hub, 'sig-b')
    let announced = false
    b.on('peer-candidate', () => (announced = true))
    b.connect('B' as PeerId, {})
    expect(b.isReady()).toBe(false)
    await b.whenReady()
    expect(announced).toBe(true)
  })

  it('gives up waiting for peers after readyTimeoutMs', async () => {
    const hub = new MemorySignalingHub()
    // A peer that is in the topic but never answers (no adapter behind the signaling id).
    hub.client('sig-ghost').join(TOPIC)
    const a = makeAdapter(hub, 'sig-a', { readyTimeoutMs: 300 })
    const t0 = Date.now()
    a.connect('A' as PeerId, {})
    await a.whenReady()
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250)
    expect(a.connectedPeers()).toEqual([])
  })

  it('drops messages whose sender is not the connected peer (ephemeral ones too)', async () => {
    const { a, b } = await connectedPair()
    const received: Array<{ type: string; senderId: string }> = []
    b.on('message', (m) => received.push(m as never))
    a.send({ type: 'sync', senderId: 'MALLORY', targetId: 'B', documentId: 'd', data: new Uint8Array(1) } as never)
    // An honest adapter does not send a relayed ephemeral message (B would refuse it); a
    // modified one skips that check of its own and sends straight through its peers.
    a.send({ type: 'ephemeral', senderId: 'C', targetId: 'B', documentId: 'd', data: new Uint8Array(1), count: 1, sessionId: 's' } as never)
    ;(a as unknown as { peers: { send(m: unknown): void } }).peers.send({ type: 'ephemeral', senderId: 'C', targetId: 'B', documentId: 'd', data: new Uint8Array(1), count: 2, sessionId: 's' })
    a.send({ type: 'sync', senderId: 'A', targetId: 'B', documentId: 'd', data: new Uint8Array(1) } as never)
    await until(() => received.length === 1, 5000, 'the one genuine message')
    expect(received.map((m) => [m.type, m.senderId])).toEqual([['sync', 'A']])
    expect(b.stats.badMessages).toBe(2)
  })

  it('ignores signals that are not well-formed', async () => {
    const { hub, a, b } = await connectedPair()
    const rogue = hub.client('sig-rogue')
    rogue.join(TOPIC)
    for (const data of [null, 42, 'x', {}, { conn: '' }, { conn: 'c', desc: { type: 'pranswer', sdp: '' } }, { conn: 'c', cand: {} }]) {
      rogue.send(TOPIC, 'sig-a', data)
    }
    // A candidate for a connection that does not exist is not "bad", just ignored.
    rogue.send(TOPIC, 'sig-a', { conn: 'c', cand: { candidate: 'candidate:1 1 UDP 1 127.0.0.1 9 typ host', sdpMid: '0' } })
    await until(() => a.stats.badSignals === 7, 5000, 'bad signals counted')
    const message = next<{ type: string }>(b, 'message')
    a.send({ type: 'still-works', senderId: 'A', targetId: 'B' } as never)
    expect((await message).type).toBe('still-works')
  })
})

describe('WebRTCNetworkAdapter with several topics', () => {
  it('keeps one connection per peer across shared topics, and closes it with the last one', async () => {
    const hub = new MemorySignalingHub()
    const trackA = trackingRTCPeerConnection()
    const a = makeAdapter(hub, 'sig-a', { topic: undefined, topics: ['t1', 't2'], RTCPeerConnection: trackA.RTCPeerConnection })
    const b = makeAdapter(hub, 'sig-b', { topic: undefined, topics: ['t1', 't2'] })
    let announced = 0
    a.on('peer-candidate', () => announced++)
    a.connect('A' as PeerId, {})
    await a.whenReady()
    b.connect('B' as PeerId, {})
    await b.whenReady()
    await until(() => announced === 1, 5000, 'A to see B')
    await pause(200) // the second topic's `peers` list has long arrived
    expect(trackA.instances).toHaveLength(1)
    expect(announced).toBe(1)

    b.leave('t1')
    await pause(100)
    expect(a.connectedPeers()).toEqual(['B'])

    const gone = Promise.all([next(a, 'peer-disconnected'), next(b, 'peer-disconnected')])
    b.leave('t2')
    await gone
    expect(a.connectedPeers()).toEqual([])
  })

  it('join() after connect reaches the peers of the new topic', async () => {
    const hub = new MemorySignalingHub()
    const a = makeAdapter(hub, 'sig-a', { topic: 'space-1' })
    const c = makeAdapter(hub, 'sig-c', { topic: 'space-2' })
    a.connect('A' as PeerId, {})
    c.connect('C' as PeerId, {})
    await Promise.all([a.whenReady(), c.whenReady()])
    await pause(100)
    expect(a.connectedPeers()).toEqual([])
    const met = next<{ peerId: string }>(a, 'peer-candidate')
    a.join('space-2')
    expect((await met).peerId).toBe('C')
  })

  it('keeps a working connection when only the signaling socket of the peer drops', async () => {
    const hub = new MemorySignalingHub()
    const signalingB = hub.client('sig-b')
    const a = makeAdapter(hub, 'sig-a')
    const b = new WebRTCNetworkAdapter({ signaling: signalingB, topic: TOPIC, bindAddress: '127.0.0.1' })
    adapters.push(b)
    const both = Promise.all([next(a, 'peer-candidate'), next(b, 'peer-candidate')])
    a.connect('A' as PeerId, {})
    b.connect('B' as PeerId, {})
    await both
    let disconnected = 0
    a.on('peer-disconnected', () => disconnected++)
    signalingB.close() // A hears `peer-left`, but the data channel is fine
    await pause(200)
    const message = next<{ type: string }>(a, 'message')
    b.send({ type: 'still-here', senderId: 'B', targetId: 'A' } as never)
    expect((await message).type).toBe('still-here')
    expect(disconnected).toBe(0)
  })
})

describe('SessionHooks', () => {
  const xor = (bytes: Uint8Array, key: number) => bytes.map((x) => x ^ key)
  const text = new TextEncoder()
  const untext = new TextDecoder()

  /** A toy session: both sides must know the same key; frames are XORed with it. */
  function toySession(key: number, counts = { encrypt: 0, decrypt: 0, failDecrypt: false }): SessionHooks {
    return {
      async onOpen(ctx, channel) {
        channel.send(text.encode(JSON.stringify({ peerId: ctx.localPeerId, key, initiator: ctx.initiator })))
        const theirs = JSON.parse(untext.decode(await channel.receive())) as { peerId: string; key: number; initiator: boolean }
        // Exactly one side is the initiator.
        if (theirs.initiator === ctx.initiator) throw new Error('both sides think alike')
        if (theirs.key !== key) return null
        return {
          peerId: theirs.peerId as PeerId,
          peerMetadata: { isEphemeral: true },
          encrypt: (b) => {
            counts.encrypt++
            return xor(b, key)
          },
          decrypt: (b) => {
            counts.decrypt++
            return counts.failDecrypt ? null : xor(b, key)
          },
        }
      },
    }
  }

  it('runs the handshake before announcing the peer, and wraps every frame', async () => {
    const counts = { encrypt: 0, decrypt: 0, failDecrypt: false }
    const hub = new MemorySignalingHub()
    const adapterA = makeAdapter(hub, 'sig-a', { session: toySession(0x5a, counts) })
    const adapterB = makeAdapter(hub, 'sig-b', { session: toySession(0x5a, counts) })
    const candidate = next<{ peerId: string; peerMetadata: unknown }>(adapterB, 'peer-candidate')
    const alice = makeRepo(adapterA, 'alice')
    const bob = makeRepo(adapterB, 'bob')
    expect(await candidate).toEqual({ peerId: 'alice', peerMetadata: { isEphemeral: true } })
    const handleA = alice.create<Doc>({ secret: 'sauce' })
    const handleB = await bob.find<Doc>(handleA.url)
    expect(handleB.doc().secret).toBe('sauce')
    expect(counts.encrypt).toBeGreaterThan(0)
    // Frames still in flight are decrypted a moment later: every frame goes through both.
    await until(() => counts.decrypt === counts.encrypt, 5000, 'every frame decrypted')
  })

  it('sends no data before the slower side has finished its handshake', async () => {
    const hub = new MemorySignalingHub()
    const fast = toySession(0x33)
    const slow: SessionHooks = {
      async onOpen(ctx, channel) {
        const session = await fast.onOpen(ctx, channel)
        await pause(300) // e.g. slow key derivation; the other side is long done by now
        return session
      },
    }
    const adapterA = makeAdapter(hub, 'sig-a', { session: fast })
    const adapterB = makeAdapter(hub, 'sig-b', { session: slow })
    const alice = makeRepo(adapterA, 'alice')
    const handleA = alice.create<Doc>()
    handleA.change((d) => {
      for (let i = 0; i < 2000; i++) d[`k${i}`] = 'x'.repeat(100)
    })
    const announcedA = next(adapterA, 'peer-candidate')
    const bob = makeRepo(adapterB, 'bob')
    await announcedA // alice's side is ready and her Repo starts sending at once
    const handleB = await bob.find<Doc>(handleA.url)
    expect(Object.keys(handleB.doc())).toHaveLength(2000)
    expect(adapterB.stats.droppedFrames).toBe(0)
  })

  it('refuses a peer when the hook says null; neither side announces or redials', async () => {
    const hub = new MemorySignalingHub()
    const trackA = trackingRTCPeerConnection()
    const trackB = trackingRTCPeerConnection()
    const accepting = toySession(1)
    // Speaks the same handshake (so B accepts A), then refuses B.
    const refusing: SessionHooks = { onOpen: async (ctx, channel) => ((await accepting.onOpen(ctx, channel)) ? null : null) }
    const a = makeAdapter(hub, 'sig-a', { session: refusing, RTCPeerConnection: trackA.RTCPeerConnection, retryBaseMs: 20 })
    const b = makeAdapter(hub, 'sig-b', { session: accepting, RTCPeerConnection: trackB.RTCPeerConnection, retryBaseMs: 20 })
    let announced = 0
    a.on('peer-candidate', () => announced++)
    b.on('peer-candidate', () => announced++)
    a.connect('A' as PeerId, {})
    b.connect('B' as PeerId, {})
    await until(() => trackA.instances.length === 1 && trackB.instances.length === 1, 5000, 'a connection attempt')
    await b.whenReady() // settles once its only peer is refused
    await until(() => [...trackA.instances, ...trackB.instances].every((pc) => pc.connectionState === 'closed'), 5000, 'closed')
    await pause(300) // several retry periods
    expect(announced).toBe(0)
    expect(trackA.instances).toHaveLength(1)
    expect(trackB.instances).toHaveLength(1)
  })

  it('counts a handshake that throws, and redials', async () => {
    const hub = new MemorySignalingHub()
    const trackA = trackingRTCPeerConnection()
    const failing: SessionHooks = {
      onOpen: async () => {
        throw new Error('handshake bug')
      },
    }
    const a = makeAdapter(hub, 'sig-a', { session: failing, RTCPeerConnection: trackA.RTCPeerConnection, retryBaseMs: 20 })
    makeAdapter(hub, 'sig-b', { session: failing, retryBaseMs: 20 }).connect('B' as PeerId, {})
    a.connect('A' as PeerId, {})
    await until(() => a.stats.handshakeFailures >= 1, 5000, 'a counted handshake failure')
    await until(() => trackA.instances.length >= 2, 5000, 'a redial')
    expect(a.connectedPeers()).toEqual([])
  })

  it('drops the connection when a frame fails to decrypt', async () => {
    const counts = { encrypt: 0, decrypt: 0, failDecrypt: false }
    const hub = new MemorySignalingHub()
    const a = makeAdapter(hub, 'sig-a', { session: toySession(7) })
    const b = makeAdapter(hub, 'sig-b', { session: toySession(7, counts), retryBaseMs: 5000 })
    const both = Promise.all([next(a, 'peer-candidate'), next(b, 'peer-candidate')])
    a.connect('A' as PeerId, {})
    b.connect('B' as PeerId, {})
    await both
    counts.failDecrypt = true
    const dropped = Promise.all([next(a, 'peer-disconnected'), next(b, 'peer-disconnected')])
    a.send({ type: 'tampered', senderId: 'A', targetId: 'B' } as never)
    await dropped
    expect(b.stats.decryptFailures).toBe(1)
  })
})

describe('over the real signaling server and SignalingClient', () => {
  it('two Repos find each other and sync', async () => {
    const server = await startSignalingServer({ host: '127.0.0.1', port: 0 })
    const clients: SignalingClient[] = []
    try {
      const topic = 'adapterTestTopic0123456789'
      const make = (_device: string) => {
        const client = new SignalingClient({ urls: server.url, WebSocket }) // each with a fresh key, so its own peer id
        clients.push(client)
        client.connect()
        return new WebRTCNetworkAdapter({ signaling: client, topic, bindAddress: '127.0.0.1' })
      }
      const adapterA = make('alice-device')
      adapters.push(adapterA)
      const alice = makeRepo(adapterA, 'alice')
      await adapterA.whenReady()
      const adapterB = make('bob-device')
      adapters.push(adapterB)
      const bob = makeRepo(adapterB, 'bob')
      const handleA = alice.create<Doc>({ via: 'server' })
      const handleB = await bob.find<Doc>(handleA.url)
      expect(handleB.doc().via).toBe('server')
    } finally {
      await Promise.all(repos.splice(0).map((r) => r.shutdown()))
      for (const c of clients) c.close()
      await server.close()
    }
  })
})
