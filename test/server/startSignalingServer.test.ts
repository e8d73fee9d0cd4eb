import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import nacl from 'tweetnacl'
import { helloBytes, peerIdForKey } from '../../src/p2p/index.ts'
import { startSignalingServer, type SignalingServer } from '../../src/server/index.ts'

/** A fixed Ed25519 key per test name, so a name is one peer id across connections. */
function keyFor(name: string) {
  return nacl.sign.keyPair.fromSeed(nacl.hash(new TextEncoder().encode(name)).slice(0, 32))
}
/** The peer id the server gives `name`'s key. */
function id(name: string): string {
  return peerIdForKey(keyFor(name).publicKey)
}
/** A valid hello for `name` on a connection whose challenge carried `nonce`. */
function helloFrame(name: string, nonce: string) {
  const key = keyFor(name)
  return { type: 'hello', key: id(name), sig: Buffer.from(nacl.sign.detached(helloBytes(nonce), key.secretKey)).toString('base64url') }
}

// Raw `ws` clients, so the server is tested against exact frames (including hostile ones)
// rather than through SignalingClient's validation.
type Msg = Record<string, unknown> & { type: string }

class Raw {
  readonly received: Msg[] = []
  private waiters: Array<() => void> = []
  readonly closed: Promise<{ code: number; reason: string }>

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.received.push(JSON.parse(data.toString()) as Msg)
      for (const w of this.waiters.splice(0)) w()
    })
    ws.on('error', () => {})
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })))
  }

  static async open(url: string, opts: { autoPong?: boolean } = {}): Promise<Raw> {
    const ws = new WebSocket(url, opts)
    const raw = new Raw(ws)
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
    })
    return raw
  }

  /** Opens, answers the server's challenge with `name`'s key and waits for the welcome. */
  static async hello(url: string, name: string, opts: { autoPong?: boolean } = {}): Promise<Raw> {
    const raw = await Raw.open(url, opts)
    await raw.proveKey(name)
    return raw
  }

  /** Answers the server's challenge with `name`'s key; resolves with the welcome. */
  async proveKey(name: string): Promise<Msg> {
    const { nonce } = await this.take((m) => m.type === 'challenge')
    this.send(helloFrame(name, nonce as string))
    return this.take((m) => m.type === 'welcome' || m.type === 'error')
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame))
  }

  /** Removes and returns the first received message matching `pred`, waiting for it if needed. */
  async take(pred: (m: Msg) => boolean, timeoutMs = 3000): Promise<Msg> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const i = this.received.findIndex(pred)
      if (i >= 0) return this.received.splice(i, 1)[0]!
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`timed out; received: ${JSON.stringify(this.received)}`)
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left)
        this.waiters.push(() => {
          clearTimeout(t)
          resolve()
        })
      })
    }
  }

  async joinTopic(topic: string): Promise<string[]> {
    this.send({ type: 'join', topic })
    const m = await this.take((x) => x.type === 'peers' && x.topic === topic)
    return (m.peers as string[]).slice().sort()
  }

  /** Sends a ping and waits for its pong: everything sent before it has been processed. */
  async sync(): Promise<void> {
    this.send({ type: 'ping' })
    await this.take((m) => m.type === 'pong')
  }
}

const T1 = 'topicAAAAAAAAAAAAAAA1'
const T2 = 'topicBBBBBBBBBBBBBBB2'
const T3 = 'topicCCCCCCCCCCCCCCC3'
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

let server: SignalingServer | null = null
const sockets: Raw[] = []

async function start(options: Parameters<typeof startSignalingServer>[0] = {}): Promise<SignalingServer> {
  server = await startSignalingServer({ host: '127.0.0.1', port: 0, ...options })
  return server
}
async function hello(peerId: string, opts: { autoPong?: boolean } = {}): Promise<Raw> {
  const raw = await Raw.hello(server!.url, peerId, opts)
  sockets.push(raw)
  return raw
}
async function open(): Promise<Raw> {
  const raw = await Raw.open(server!.url)
  sockets.push(raw)
  return raw
}

afterEach(async () => {
  for (const s of sockets.splice(0)) s.ws.terminate()
  await server?.close()
  server = null
})

describe('startSignalingServer', () => {
  it('listens on a free port on 127.0.0.1 and welcomes a hello', async () => {
    const s = await start()
    expect(s.port).toBeGreaterThan(0)
    expect(s.url).toBe(`ws://127.0.0.1:${s.port}`)
    const a = await open()
    expect(await a.proveKey('alice')).toEqual({ type: 'welcome', peerId: id('alice') })
  })

  it('accepts WebSocket upgrades on any path', async () => {
    const s = await start()
    const a = await Raw.hello(`${s.url}/signal`, 'alice')
    sockets.push(a)
    const b = await Raw.hello(`${s.url}/some/other?x=1`, 'bob')
    sockets.push(b)
    expect(await a.joinTopic(T1)).toEqual([])
    expect(await b.joinTopic(T1)).toEqual([id('alice')])
  })

  it('tells joiners who is there and members who joined', async () => {
    await start()
    const a = await hello('alice')
    const b = await hello('bob')
    const c = await hello('carol')
    expect(await a.joinTopic(T1)).toEqual([])
    expect(await b.joinTopic(T1)).toEqual([id('alice')])
    expect(await a.take((m) => m.type === 'peer-joined')).toEqual({ type: 'peer-joined', topic: T1, peerId: id('bob') })
    expect(await c.joinTopic(T1)).toEqual([id('alice'), id('bob')].sort())
    for (const x of [a, b]) {
      expect(await x.take((m) => m.type === 'peer-joined')).toEqual({ type: 'peer-joined', topic: T1, peerId: id('carol') })
    }
    expect(server!.stats()).toMatchObject({ connections: 3, topics: 1 })
  })

  it('relays signals verbatim to the addressed peer only', async () => {
    await start()
    const a = await hello('alice')
    const b = await hello('bob')
    const c = await hello('carol')
    for (const x of [a, b, c]) await x.joinTopic(T1)
    const data = { kind: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1', n: [1, { deep: null }], u: 'é✓' }
    a.send({ type: 'signal', topic: T1, to: id('bob'), data })
    expect(await b.take((m) => m.type === 'signal')).toEqual({ type: 'signal', topic: T1, from: id('alice'), data })
    await c.sync()
    expect(c.received.filter((m) => m.type === 'signal')).toEqual([])
    expect(server!.stats().relayed).toBe(1)
  })

  it('refuses signals outside a shared topic and counts them', async () => {
    await start()
    const a = await hello('alice')
    const b = await hello('bob')
    await a.joinTopic(T1)
    await b.joinTopic(T2)
    a.send({ type: 'signal', topic: T1, to: id('bob'), data: {} })
    expect(await a.take((m) => m.type === 'error')).toMatchObject({ code: 'UNKNOWN_PEER', topic: T1 })
    a.send({ type: 'signal', topic: T2, to: id('bob'), data: {} })
    expect(await a.take((m) => m.type === 'error')).toMatchObject({ code: 'NOT_IN_TOPIC', topic: T2 })
    await b.sync()
    expect(b.received.filter((m) => m.type === 'signal')).toEqual([])
    const { dropped, relayed } = server!.stats()
    expect(relayed).toBe(0)
    expect(dropped.unknownPeer).toBe(1)
    expect(dropped.notInTopic).toBe(1)
  })

  it('announces leave and disconnect as peer-left in every topic', async () => {
    await start()
    const a = await hello('alice')
    const b = await hello('bob')
    await a.joinTopic(T1)
    await a.joinTopic(T2)
    await b.joinTopic(T1)
    await b.joinTopic(T2)
    b.send({ type: 'leave', topic: T1 })
    expect(await a.take((m) => m.type === 'peer-left')).toEqual({ type: 'peer-left', topic: T1, peerId: id('bob') })
    a.send({ type: 'leave', topic: T3 }) // leaving a topic one is not in is a silent no-op
    await a.sync()
    expect(a.received.filter((m) => m.type === 'error')).toEqual([])

    await a.joinTopic(T3)
    await b.joinTopic(T3)
    b.ws.close()
    const left = [await a.take((m) => m.type === 'peer-left'), await a.take((m) => m.type === 'peer-left')]
    expect(left.map((m) => m.topic).sort()).toEqual([T2, T3])
    expect(left.every((m) => m.peerId === id('bob'))).toBe(true)
    a.ws.close()
    await a.closed
    await sleep(50)
    expect(server!.stats()).toMatchObject({ connections: 0, topics: 0 })
  })

  it('answers GET /health with live counts and 404 elsewhere', async () => {
    const s = await start()
    const base = `http://127.0.0.1:${s.port}`
    let res = await fetch(`${base}/health`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
    expect(await res.json()).toEqual({ ok: true, connections: 0, topics: 0 })

    const a = await hello('alice')
    const b = await hello('bob')
    await a.joinTopic(T1)
    await b.joinTopic(T1)
    await b.joinTopic(T2)
    res = await fetch(`${base}/health?probe=1`)
    expect(await res.json()).toEqual({ ok: true, connections: 2, topics: 2 })

    expect((await fetch(`${base}/`)).status).toBe(404)
    expect((await fetch(`${base}/signal`)).status).toBe(404)
    expect((await fetch(`${base}/health`, { method: 'POST', body: 'x' })).status).toBe(405)
  })

  it('requires hello first, once', async () => {
    await start()
    const a = await open()
    a.send({ type: 'join', topic: T1 })
    expect(await a.take((m) => m.type === 'error')).toMatchObject({ code: 'BAD_FRAME' })
    expect(await a.proveKey('alice')).toMatchObject({ type: 'welcome' })
    a.send(helloFrame('mallory', 'x'.repeat(43)))
    expect(await a.take((m) => m.type === 'error')).toMatchObject({ code: 'BAD_FRAME' })
    expect(server!.stats().dropped.protocol).toBe(2)
    expect(server!.stats().topics).toBe(0)
  })

  it('drops malformed and unknown frames, counts them, and keeps serving', async () => {
    await start()
    const a = await hello('alice')
    const b = await hello('bob')
    await a.joinTopic(T1)
    await b.joinTopic(T1)

    const malformed = [
      '{not json',
      '',
      'null',
      '[1,2]',
      JSON.stringify({ type: 'join', topic: 'short' }),
      JSON.stringify({ type: 'signal', topic: T1, to: id('bob'), data: 'text' }),
      JSON.stringify({ type: 'signal', topic: T1, to: 'bad id!', data: {} }),
    ]
    for (const f of malformed) a.send(f)
    a.ws.send(Buffer.from([1, 2, 3]), { binary: true })
    a.send({ type: 'subscribe', topic: T1 })
    a.send({ type: 'welcome', peerId: id('alice') }) // a server→client type from a client
    a.send({ type: 'signal', topic: T1, from: id('bob'), data: {} }) // a relayed form from a client
    await a.sync()

    const { dropped } = server!.stats()
    expect(dropped.malformed).toBe(malformed.length + 1)
    expect(dropped.unknown).toBe(3)
    const codes = a.received.filter((m) => m.type === 'error').map((m) => m.code)
    expect(codes.filter((c) => c === 'BAD_FRAME')).toHaveLength(malformed.length + 1)
    expect(codes.filter((c) => c === 'UNKNOWN_TYPE')).toHaveLength(3)

    // The offender and everyone else are still served.
    a.send({ type: 'signal', topic: T1, to: id('bob'), data: { ok: 1 } })
    expect(await b.take((m) => m.type === 'signal')).toMatchObject({ from: id('alice'), data: { ok: 1 } })
    expect(b.received.filter((m) => m.type === 'signal')).toEqual([])
  })

  it('drops oversized frames; beyond the hard cap it closes only that socket', async () => {
    await start({ maxMessageBytes: 1024 })
    const a = await hello('alice')
    const b = await hello('bob')
    await a.joinTopic(T1)
    await b.joinTopic(T1)

    a.send({ type: 'signal', topic: T1, to: id('bob'), data: { blob: 'x'.repeat(1500) } })
    expect(await a.take((m) => m.type === 'error')).toMatchObject({ code: 'TOO_LARGE' })
    expect(server!.stats().dropped.oversized).toBe(1)
    // Just under the limit still goes through.
    a.send({ type: 'signal', topic: T1, to: id('bob'), data: { blob: 'x'.repeat(900) } })
    expect(await b.take((m) => m.type === 'signal')).toMatchObject({ from: id('alice') })

    a.send({ type: 'signal', topic: T1, to: id('bob'), data: { blob: 'x'.repeat(10_000) } })
    expect((await a.closed).code).toBe(1009)
    expect(await b.take((m) => m.type === 'peer-left')).toMatchObject({ peerId: id('alice') })
    expect(server!.stats().dropped.oversized).toBe(2)
    expect(b.received.filter((m) => m.type === 'signal')).toEqual([])
    await b.sync()
  })

  it('rate-limits a flood, keeps the connection, and serves it again after refill', async () => {
    await start({ maxMessagesPerSecond: 20 })
    const a = await hello('alice')
    const b = await hello('bob')
    await a.joinTopic(T1) // two frames (hello, join) of the 20-frame burst are used
    await b.joinTopic(T1)
    for (let i = 0; i < 60; i++) a.send({ type: 'signal', topic: T1, to: id('bob'), data: { i } })
    expect(await a.take((m) => m.type === 'error')).toMatchObject({ code: 'RATE_LIMITED' })
    await sleep(200)
    const { dropped, relayed } = server!.stats()
    expect(relayed).toBeGreaterThanOrEqual(17)
    expect(relayed).toBeLessThanOrEqual(25)
    expect(dropped.rateLimited).toBe(60 - relayed)
    // Only one RATE_LIMITED error per second, not one per dropped frame.
    expect(a.received.filter((m) => m.type === 'error')).toEqual([])
    expect(a.ws.readyState).toBe(WebSocket.OPEN)

    await sleep(1100)
    await a.sync()
    a.send({ type: 'signal', topic: T1, to: id('bob'), data: { after: true } })
    await b.take((m) => m.type === 'signal' && (m.data as { after?: boolean }).after === true)
  })

  it('closes a connection that keeps flooding, and only that one', async () => {
    await start({ maxMessagesPerSecond: 10 })
    const a = await hello('alice')
    const b = await hello('bob')
    await a.joinTopic(T1)
    await b.joinTopic(T1)
    for (let i = 0; i < 200; i++) a.send({ type: 'ping' })
    expect((await a.closed).code).toBe(1008)
    expect(await b.take((m) => m.type === 'peer-left')).toMatchObject({ peerId: id('alice') })
    expect(server!.stats().dropped.rateLimited).toBeGreaterThan(50)
    await b.sync()
    expect(server!.stats().connections).toBe(1)
  })

  it('does not let frames in flight after an abuse close re-join topics', async () => {
    await start({ maxMessagesPerSecond: 5 })
    const a = await hello('alice')
    const b = await hello('bob')
    await b.joinTopic(T1)
    for (let i = 0; i < 40; i++) a.send({ type: 'ping' })
    // A hostile client ignores the close frame and keeps sending: stop reading, not writing.
    a.ws.pause()
    await sleep(1100) // refill, so the frames below would pass the rate limit
    a.send({ type: 'join', topic: T2 })
    a.send({ type: 'join', topic: T1 })
    await sleep(100)
    a.ws.resume()
    expect((await a.closed).code).toBe(1008)
    await b.sync()
    expect(b.received.filter((m) => m.type === 'peer-joined')).toEqual([])
    expect(server!.stats()).toMatchObject({ connections: 1, topics: 1 })
  })

  it('limits topics per connection', async () => {
    await start({ maxTopicsPerConnection: 2 })
    const a = await hello('alice')
    await a.joinTopic(T1)
    await a.joinTopic(T2)
    a.send({ type: 'join', topic: T3 })
    expect(await a.take((m) => m.type === 'error')).toMatchObject({ code: 'TOO_MANY_TOPICS', topic: T3 })
    expect(server!.stats()).toMatchObject({ topics: 2, dropped: { tooManyTopics: 1 } })
    a.send({ type: 'leave', topic: T1 })
    expect(await a.joinTopic(T3)).toEqual([])
    expect(server!.stats().topics).toBe(2)
    // Re-joining a topic one is in re-sends the list and does not use a slot.
    expect(await a.joinTopic(T2)).toEqual([])
  })

  it('refuses a second holder of a peer id in one topic, not in others', async () => {
    await start()
    const a1 = await hello('alice')
    const a2 = await hello('alice')
    const b = await hello('bob')
    await a1.joinTopic(T1)
    await b.joinTopic(T1)
    a2.send({ type: 'join', topic: T1 })
    expect(await a2.take((m) => m.type === 'error')).toMatchObject({ code: 'DUPLICATE_PEER', topic: T1 })
    expect(await a2.joinTopic(T2)).toEqual([])
    expect(server!.stats().dropped.duplicatePeer).toBe(1)
    // Signals to id('alice') in T1 still reach the original holder.
    b.send({ type: 'signal', topic: T1, to: id('alice'), data: { x: 1 } })
    await a1.take((m) => m.type === 'signal')
    await a2.sync()
    expect(a2.received.filter((m) => m.type === 'signal')).toEqual([])
  })

  it('drops a dead holder of a duplicated peer id after a short probe', async () => {
    // Probe window is min(5 s, idleTimeoutMs / 2) = 1.5 s here (closed by 2.25 s at the latest
    // sweep); the idle timeout alone would take 3 s+.
    await start({ idleTimeoutMs: 3000 })
    const dead = await hello('alice', { autoPong: false })
    const live = await hello('bob')
    await dead.joinTopic(T1)
    await live.joinTopic(T1)
    const fresh = await hello('alice')
    const t0 = Date.now()
    fresh.send({ type: 'join', topic: T1 })
    await fresh.take((m) => m.type === 'error' && m.code === 'DUPLICATE_PEER')
    await dead.closed
    const elapsed = Date.now() - t0
    expect(elapsed).toBeLessThan(2800)
    expect(await live.take((m) => m.type === 'peer-left')).toMatchObject({ peerId: id('alice') })
    expect(await fresh.joinTopic(T1)).toEqual([id('bob')])
  })

  it('keeps a live (pong-answering) holder when a duplicate shows up', async () => {
    await start({ idleTimeoutMs: 600 })
    const holder = await hello('alice')
    await holder.joinTopic(T1)
    const dup = await hello('alice')
    dup.send({ type: 'join', topic: T1 })
    await dup.take((m) => m.type === 'error' && m.code === 'DUPLICATE_PEER')
    await sleep(900)
    expect(holder.ws.readyState).toBe(WebSocket.OPEN)
    dup.send({ type: 'join', topic: T1 })
    expect(await dup.take((m) => m.type === 'error')).toMatchObject({ code: 'DUPLICATE_PEER' })
  })

  it('closes silent connections after the idle timeout; pongs keep live ones', async () => {
    await start({ idleTimeoutMs: 300 })
    const silent = await hello('silent', { autoPong: false })
    const alive = await hello('alive')
    await silent.joinTopic(T1)
    await alive.joinTopic(T1)
    const t0 = Date.now()
    await silent.closed
    expect(Date.now() - t0).toBeLessThan(1000)
    expect(await alive.take((m) => m.type === 'peer-left')).toMatchObject({ peerId: id('silent') })
    await sleep(700) // more than twice the timeout with no frames from `alive`, only pongs
    expect(alive.ws.readyState).toBe(WebSocket.OPEN)
    expect(server!.stats().connections).toBe(1)
  })

  it('survives hostile payloads', async () => {
    await start()
    const a = await hello('alice')
    const b = await hello('bob')
    await a.joinTopic(T1)
    await b.joinTopic(T1)
    a.send(`{"type":"signal","topic":"${T1}","to":"${id('bob')}","data":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`)
    a.send(`${'['.repeat(20000)}${']'.repeat(20000)}`)
    a.send(`{"type":"signal","topic":"${T1}","to":"${id('bob')}","data":{"__proto__":{"polluted":true}}}`)
    const relayed = await b.take((m) => m.type === 'signal')
    expect(JSON.stringify(relayed.data)).toBe('{"__proto__":{"polluted":true}}')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(server!.stats().dropped.malformed).toBe(2)
    await a.sync()
  })

  it('close() disconnects clients with 1001, frees the port, and is idempotent', async () => {
    const s = await start()
    const a = await hello('alice')
    await a.joinTopic(T1)
    await Promise.all([s.close(), s.close()])
    expect((await a.closed).code).toBe(1001)
    await expect(fetch(`http://127.0.0.1:${s.port}/health`)).rejects.toThrow()
    // The same port can be bound again straight away (clients reconnect to it).
    server = await startSignalingServer({ host: '127.0.0.1', port: s.port })
    expect(server.port).toBe(s.port)
  })

  it('rejects invalid options', async () => {
    await expect(startSignalingServer({ port: -1 })).rejects.toThrow(RangeError)
    await expect(startSignalingServer({ maxMessageBytes: 0 })).rejects.toThrow(RangeError)
    await expect(startSignalingServer({ idleTimeoutMs: Number.NaN })).rejects.toThrow(RangeError)
  })
})
