import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { SignalingClient, type SignalingStatus } from '../../src/p2p/SignalingClient.ts'
import type { SignalingEvents } from '../../src/p2p/SignalingEmitter.ts'
import { isEchoError } from '../../src/core/shared/EchoError.ts'
import nacl from 'tweetnacl'
import { helloBytes, peerIdForKey } from '../../src/p2p/signalingProtocol.ts'
import { startSignalingServer, type SignalingServer } from '../../src/server/index.ts'

const T1 = 'topicAAAAAAAAAAAAAAA1'
const T2 = 'topicBBBBBBBBBBBBBBB2'
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(10)
  }
}

let servers: SignalingServer[] = []
let clients: SignalingClient[] = []
let fakes: WebSocketServer[] = []

afterEach(async () => {
  for (const c of clients) c.close()
  clients = []
  await Promise.all(servers.map((s) => s.close()))
  servers = []
  await Promise.all(fakes.map((f) => new Promise<void>((r) => {
    for (const ws of f.clients) ws.terminate()
    f.close(() => r())
  })))
  fakes = []
})

async function startServer(port = 0): Promise<SignalingServer> {
  const s = await startSignalingServer({ host: '127.0.0.1', port })
  servers.push(s)
  return s
}

/** A fixed signaling key per test name, so a name is one peer id. */
function keyFor(name: string) {
  return nacl.sign.keyPair.fromSeed(nacl.hash(new TextEncoder().encode(name)).slice(0, 32))
}
/** The peer id of `name`'s key. */
function id(name: string): string {
  return peerIdForKey(keyFor(name).publicKey)
}
/** A valid hello for `name` answering `nonce` (for raw sockets). */
function helloFrame(name: string, nonce: string): string {
  const sig = Buffer.from(nacl.sign.detached(helloBytes(nonce), keyFor(name).secretKey)).toString('base64url')
  return JSON.stringify({ type: 'hello', key: id(name), sig })
}
const NONCE = 'n'.repeat(43)

/** A client that records every event it gets. */
function client(urls: string | string[], name: string, extra: Partial<ConstructorParameters<typeof SignalingClient>[0]> = {}) {
  const sc = new SignalingClient({ urls, key: keyFor(name), WebSocket, reconnect: { minDelayMs: 20, maxDelayMs: 200 }, ...extra })
  clients.push(sc)
  const log: { [K in keyof SignalingEvents]: SignalingEvents[K][] } = {
    peers: [], 'peer-joined': [], 'peer-left': [], signal: [], error: [],
  }
  for (const name of Object.keys(log) as (keyof SignalingEvents)[]) {
    sc.on(name, (e) => (log[name] as unknown[]).push(e))
  }
  const statuses: SignalingStatus[] = []
  sc.subscribe(() => statuses.push(sc.status))
  return { sc, log, statuses }
}

/** A port nothing listens on (bound, then released). */
async function deadPort(): Promise<number> {
  const srv = createServer()
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()))
  const port = (srv.address() as { port: number }).port
  await new Promise<void>((r) => srv.close(() => r()))
  return port
}

/** A hand-driven server, to feed the client frames the real server would never send. */
async function fakeServer(onConnection: (ws: WebSocket) => void): Promise<string> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  fakes.push(wss)
  await new Promise<void>((r) => wss.once('listening', () => r()))
  wss.on('connection', onConnection)
  return `ws://127.0.0.1:${(wss.address() as { port: number }).port}`
}

describe('SignalingClient', () => {
  it('reports a WebSocket constructor that throws as CONNECT_FAILED, and keeps retrying', async () => {
    let attempts = 0
    const Throwing = function () {
      attempts++
      throw new Error('blocked by policy')
    } as unknown as ConstructorParameters<typeof SignalingClient>[0]['WebSocket']
    const a = client('ws://127.0.0.1:9', 'alice', { WebSocket: Throwing })
    a.sc.connect()
    await waitFor(() => attempts >= 2, 'a second attempt')
    expect(a.log.error[0]).toEqual({ code: 'CONNECT_FAILED', message: 'blocked by policy' })
    expect(a.sc.status).toBe('connecting')
  })

  it('goes closed → connecting → open and back to closed, notifying subscribers', async () => {
    const s = await startServer()
    const a = client(s.url, 'alice')
    expect(a.sc.status).toBe('closed')
    a.sc.connect()
    expect(a.sc.status).toBe('connecting')
    await waitFor(() => a.sc.status === 'open', 'open')
    a.sc.connect() // no-op while not closed
    a.sc.close()
    expect(a.sc.status).toBe('closed')
    expect(a.statuses).toEqual(['connecting', 'open', 'closed'])
    await waitFor(() => s.stats().connections === 0, 'server to see the close')
  })

  it('joins a topic, sees peers come and go, and relays signals', async () => {
    const s = await startServer()
    const a = client(s.url, 'alice')
    const b = client(s.url, 'bob')
    const c = client(s.url, 'carol')
    a.sc.join(T1)
    a.sc.connect()
    await waitFor(() => a.log.peers.length === 1, 'alice peers')
    expect(a.log.peers[0]).toEqual({ topic: T1, peers: [] })

    b.sc.connect()
    b.sc.join(T1) // joining after connect works too
    await waitFor(() => b.log.peers.length === 1, 'bob peers')
    expect(b.log.peers[0]).toEqual({ topic: T1, peers: [id('alice')] })
    await waitFor(() => a.log['peer-joined'].length === 1, 'alice sees bob')
    expect(a.log['peer-joined'][0]).toEqual({ topic: T1, peerId: id('bob') })

    c.sc.join(T1)
    c.sc.connect()
    await waitFor(() => c.log.peers.length === 1, 'carol peers')
    expect(c.log.peers[0]!.peers.slice().sort()).toEqual([id('alice'), id('bob')].sort())

    const offer = { type: 'offer', sdp: 'v=0\r\n', candidates: [{ c: 'x' }] }
    expect(b.sc.send(T1, id('alice'), offer)).toBe(true)
    await waitFor(() => a.log.signal.length === 1, 'signal at alice')
    expect(a.log.signal[0]).toEqual({ topic: T1, from: id('bob'), data: offer })
    await sleep(50)
    expect(c.log.signal).toEqual([])

    b.sc.close()
    await waitFor(() => a.log['peer-left'].length === 1 && c.log['peer-left'].length === 1, 'peer-left')
    expect(a.log['peer-left'][0]).toEqual({ topic: T1, peerId: id('bob') })
    expect(s.stats().relayed).toBe(1)
  })

  it('leave() tells others and silences that topic', async () => {
    const s = await startServer()
    const a = client(s.url, 'alice')
    const b = client(s.url, 'bob')
    for (const x of [a, b]) {
      x.sc.join(T1)
      x.sc.join(T2)
      x.sc.connect()
    }
    await waitFor(() => a.log.peers.length + b.log.peers.length === 4, 'both joined both')
    await waitFor(() => a.log['peer-joined'].length + b.log['peer-joined'].length === 2, 'joined events')
    b.sc.leave(T1)
    await waitFor(() => a.log['peer-left'].length === 1, 'alice sees bob leave T1')
    expect(a.log['peer-left'][0]).toEqual({ topic: T1, peerId: id('bob') })
    expect(b.sc.send(T1, id('alice'), { x: 1 })).toBe(false)
    expect(a.sc.send(T2, id('bob'), { x: 2 })).toBe(true)
    a.sc.leave(T2)
    await waitFor(() => b.log['peer-left'].length === 1, 'bob sees alice leave T2')
    expect(b.log.signal).toEqual([{ topic: T2, from: id('alice'), data: { x: 2 } }])
    await sleep(50)
    expect(s.stats().topics).toBe(2) // T1 holds only alice, T2 only bob
  })

  it('send() refuses bad input and reports when it could not send', async () => {
    const s = await startServer()
    const a = client(s.url, 'alice')
    expect(a.sc.send(T1, id('bob'), {})).toBe(false) // not connected
    a.sc.connect()
    await waitFor(() => a.sc.status === 'open', 'open')
    expect(a.sc.send(T1, id('bob'), {})).toBe(false) // not joined
    const bad: Array<() => unknown> = [
      () => a.sc.send('short', id('bob'), {}),
      () => a.sc.send(T1, 'not valid!', {}),
      () => a.sc.send(T1, id('bob'), [] as unknown as Record<string, unknown>),
      () => a.sc.join('a-space-id-is-not-a-topic!'),
    ]
    for (const f of bad) expect(f).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }))
    a.sc.join(T1)
    await waitFor(() => a.log.peers.length === 1, 'joined')
    let err: unknown
    try {
      a.sc.send(T1, id('bob'), { blob: 'x'.repeat(70_000) })
    } catch (e) {
      err = e
    }
    expect(isEchoError(err, 'INVALID_VALUE')).toBe(true)
    expect(() => new SignalingClient({ urls: 'http://127.0.0.1:1' })).toThrow(/ws:\/\//)
    expect(() => new SignalingClient({ urls: [] })).toThrow()
    expect(() => new SignalingClient({ urls: 'ws://127.0.0.1:1', key: { publicKey: new Uint8Array(3), secretKey: new Uint8Array(64) } })).toThrow(/Ed25519/)
    // Without a key, each client gets a fresh one: its peer id is that key.
    const [x, y] = [new SignalingClient({ urls: s.url }), new SignalingClient({ urls: s.url })]
    expect(x.peerId).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(x.peerId).not.toBe(y.peerId)
  })

  it('reconnects after the server restarts on the same port and rejoins its topics', async () => {
    const first = await startServer()
    const port = first.port
    const a = client(first.url, 'alice')
    const b = client(first.url, 'bob')
    for (const x of [a, b]) {
      x.sc.join(T1)
      x.sc.connect()
    }
    await waitFor(() => a.log.peers.length === 1 && b.log.peers.length === 1, 'initial join')

    await first.close()
    servers = servers.filter((s) => s !== first)
    await waitFor(() => a.sc.status === 'connecting' && b.sc.status === 'connecting', 'clients notice')
    await sleep(300) // a few failed attempts against the closed port

    const second = await startServer(port)
    await waitFor(() => a.sc.status === 'open' && b.sc.status === 'open', 'reconnected', 8000)
    await waitFor(() => second.stats().topics === 1 && a.log.peers.length === 2 && b.log.peers.length === 2, 'rejoined')
    // Whoever rejoined second was told about the first.
    const lists = [a.log.peers[1]!.peers, b.log.peers[1]!.peers].map((p) => p.join()).sort()
    expect(lists[0]).toBe('')
    expect([id('alice'), id('bob')]).toContain(lists[1])
    expect(a.statuses).toEqual(['connecting', 'open', 'connecting', 'open'])

    expect(a.sc.send(T1, id('bob'), { again: true })).toBe(true)
    await waitFor(() => b.log.signal.length === 1, 'signal after reconnect')
    expect(b.log.signal[0]).toEqual({ topic: T1, from: id('alice'), data: { again: true } })
  })

  it('moves on to the next URL when one is unreachable', async () => {
    const s = await startServer()
    const dead = `ws://127.0.0.1:${await deadPort()}`
    const a = client([dead, s.url], id('alice'))
    a.sc.join(T1)
    a.sc.connect()
    await waitFor(() => a.sc.status === 'open', 'open via the second URL')
    expect(a.statuses).toEqual(['connecting', 'open'])
    await waitFor(() => s.stats().topics === 1, 'joined on the live server')
  })

  it('validates every incoming frame and drops bad ones', async () => {
    const url = await fakeServer((ws) => {
      ws.send(JSON.stringify({ type: 'challenge', nonce: NONCE }))
      ws.on('message', (raw) => {
        const m = JSON.parse(raw.toString()) as { type: string; topic?: string }
        if (m.type === 'hello') {
          ws.send(JSON.stringify({ type: 'peers', topic: T1, peers: [] })) // before welcome
          ws.send(JSON.stringify({ type: 'welcome', peerId: id('alice') }))
        }
        if (m.type === 'join') {
          ws.send('{oops')
          ws.send(JSON.stringify({ type: 'peers', topic: T1, peers: ['ok', 'not ok'] }))
          ws.send(JSON.stringify({ type: 'signal', topic: T1, to: id('alice'), data: {} })) // client form
          ws.send(JSON.stringify({ type: 'challenge', nonce: NONCE })) // only before the welcome
          ws.send(JSON.stringify({ type: 'mystery' }))
          ws.send(Buffer.from([1, 2, 3]), { binary: true })
          ws.send(JSON.stringify({ type: 'signal', topic: T2, from: id('bob'), data: {} })) // topic not joined: ignored
          ws.send(JSON.stringify({ type: 'peers', topic: T1, peers: [id('bob')], extra: 'ignored' }))
          ws.send(JSON.stringify({ type: 'signal', topic: T1, from: id('bob'), data: { fine: true } }))
        }
      })
    })
    const a = client(url, 'alice')
    a.sc.join(T1)
    a.sc.connect()
    await waitFor(() => a.log.signal.length === 1, 'the valid signal')
    expect(a.log.peers).toEqual([{ topic: T1, peers: [id('bob')] }])
    expect(a.log.signal).toEqual([{ topic: T1, from: id('bob'), data: { fine: true } }])
    expect(a.sc.droppedFrames).toBe(7)
    expect(a.sc.status).toBe('open')
  })

  it('ignores a welcome for another peer id and retries after the connect timeout', async () => {
    let connections = 0
    const url = await fakeServer((ws) => {
      connections++
      ws.send(JSON.stringify({ type: 'challenge', nonce: NONCE }))
      ws.on('message', () => ws.send(JSON.stringify({ type: 'welcome', peerId: id('someone-else') })))
    })
    const a = client(url, 'alice', { connectTimeoutMs: 100 })
    a.sc.connect()
    await waitFor(() => connections >= 2, 'a second attempt')
    expect(a.sc.status).toBe('connecting')
    expect(a.statuses).not.toContain('open')
  })

  it('notices a server that stops answering (heartbeat) and reconnects', async () => {
    let connections = 0
    const url = await fakeServer((ws) => {
      connections++
      const n = connections
      ws.send(JSON.stringify({ type: 'challenge', nonce: NONCE }))
      ws.on('message', (raw) => {
        const m = JSON.parse(raw.toString()) as { type: string }
        if (m.type === 'hello') ws.send(JSON.stringify({ type: 'welcome', peerId: id('alice') }))
        // The first connection goes silent: socket open, no pongs.
        if (m.type === 'ping' && n > 1) ws.send(JSON.stringify({ type: 'pong' }))
      })
    })
    const a = client(url, 'alice', { heartbeatMs: 50 })
    a.sc.connect()
    await waitFor(() => connections === 2 && a.sc.status === 'open', 'reconnected to a live socket')
    expect(a.statuses).toEqual(['connecting', 'open', 'connecting', 'open'])
    await sleep(300) // the answering connection is kept
    expect(connections).toBe(2)
    expect(a.sc.status).toBe('open')
  })

  it('retries a join refused with DUPLICATE_PEER once the stale holder is gone', async () => {
    const s = await startSignalingServer({ host: '127.0.0.1', port: 0, idleTimeoutMs: 1000 })
    servers.push(s)
    // A stale socket with our peer id, like one left over from before a network change.
    const stale = new WebSocket(s.url, { autoPong: false })
    stale.on('error', () => {})
    const challenge = await new Promise<{ nonce: string }>((r) => stale.once('message', (d) => r(JSON.parse(d.toString()))))
    stale.send(helloFrame('alice', challenge.nonce))
    stale.send(JSON.stringify({ type: 'join', topic: T1 }))
    await waitFor(() => s.stats().topics === 1, 'stale holder in topic')

    const a = client(s.url, 'alice', { reconnect: { minDelayMs: 100, maxDelayMs: 400 } })
    a.sc.join(T1)
    a.sc.connect()
    await waitFor(() => a.log.error.length >= 1, 'DUPLICATE_PEER')
    expect(a.log.error[0]).toMatchObject({ code: 'DUPLICATE_PEER', topic: T1 })
    await waitFor(() => a.log.peers.length === 1, 'join retried after the stale holder was dropped')
    expect(a.log.peers[0]).toEqual({ topic: T1, peers: [] })
    expect(stale.readyState).toBe(WebSocket.CLOSED)
  })

  it('falls back to importing ws when there is no global WebSocket (Node 20)', async () => {
    const s = await startServer()
    // On Node 20 there is no global WebSocket, so this exercises the dynamic import('ws') path.
    if (Number(process.versions.node.split('.')[0]) < 22) {
      expect((globalThis as { WebSocket?: unknown }).WebSocket).toBeUndefined()
    }
    const sc = new SignalingClient({ urls: s.url })
    clients.push(sc)
    sc.connect()
    await waitFor(() => sc.status === 'open', 'open without the WebSocket option')
    expect(s.stats().connections).toBe(1)
  })

  it('backs off exponentially (with jitter) while the server is down', async () => {
    const port = await deadPort()
    const attempts: number[] = []
    class CountingWebSocket extends WebSocket {
      constructor(url: string) {
        attempts.push(Date.now())
        super(url)
      }
    }
    const a = client(`ws://127.0.0.1:${port}`, 'alice', {
      WebSocket: CountingWebSocket,
      reconnect: { minDelayMs: 40, maxDelayMs: 160 },
    })
    a.sc.connect()
    await waitFor(() => attempts.length >= 6, 'six attempts', 5000)
    const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!)
    // Delays are base/2..base for base = 40, 80, 160, 160, ...
    expect(gaps[0]).toBeGreaterThanOrEqual(15)
    expect(gaps[0]).toBeLessThan(120)
    expect(gaps[3]).toBeGreaterThanOrEqual(75)
    expect(gaps[4]).toBeGreaterThanOrEqual(75)
    expect(Math.max(...gaps)).toBeLessThan(400)
    a.sc.close()
    const n = attempts.length
    await sleep(300)
    expect(attempts.length).toBe(n) // close() stops reconnecting
  })
})
