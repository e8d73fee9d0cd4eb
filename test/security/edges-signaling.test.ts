// Attacks on the signaling server (issue 11, item 1): squatting another peer's id, and floods of
// sockets and topics from one address. Raw `ws` sockets and modified SignalingClients against the
// real, unmodified server.
import nacl from 'tweetnacl'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { SignalingClient } from '../../src/p2p/SignalingClient.ts'
import { helloBytes, peerIdForKey } from '../../src/p2p/signalingProtocol.ts'
import { startSignalingServer, type SignalingServer } from '../../src/server/index.ts'

type Msg = Record<string, unknown> & { type: string }
const T1 = 'topicAAAAAAAAAAAAAAA1'
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64url')

let servers: SignalingServer[] = []
let sockets: WebSocket[] = []
let clients: SignalingClient[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.close()
  for (const s of sockets.splice(0)) s.terminate()
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function start(options: Parameters<typeof startSignalingServer>[0] = {}) {
  const s = await startSignalingServer({ host: '127.0.0.1', port: 0, ...options })
  servers.push(s)
  return s
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 5000, detail?: () => unknown): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${detail ? `: ${JSON.stringify(detail())}` : ''}`)
    await sleep(10)
  }
}

/** A raw socket that records frames; `opened` settles with false when the upgrade is refused. */
function raw(url: string, options: { localAddress?: string; origin?: string } = {}) {
  const ws = new WebSocket(url, { localAddress: options.localAddress, ...(options.origin ? { origin: options.origin } : {}) })
  sockets.push(ws)
  const received: Msg[] = []
  let status = 0
  ws.on('message', (d) => received.push(JSON.parse(d.toString())))
  ws.on('unexpected-response', (_req, res) => {
    status = res.statusCode ?? 0
    ws.terminate()
  })
  ws.on('error', () => {})
  const opened = new Promise<boolean>((resolve) => {
    ws.once('open', () => resolve(true))
    ws.once('close', () => resolve(false))
  })
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
  const take = async (pred: (m: Msg) => boolean, timeoutMs = 3000): Promise<Msg> => {
    await waitFor(() => received.some(pred), 'a frame', timeoutMs)
    return received.splice(received.findIndex(pred), 1)[0]!
  }
  const send = (m: unknown) => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify(m))
  /** Answers the challenge with `key` (or a signature by `signer` instead). */
  const hello = async (key: nacl.SignKeyPair, signer: Uint8Array = key.secretKey) => {
    const { nonce } = await take((m) => m.type === 'challenge')
    send({ type: 'hello', key: peerIdForKey(key.publicKey), sig: b64(nacl.sign.detached(helloBytes(nonce as string), signer)) })
    return take((m) => m.type === 'welcome' || m.type === 'error')
  }
  return { ws, received, take, send, hello, opened, closed, status: () => status }
}

function honest(url: string) {
  const sc = new SignalingClient({ urls: url, WebSocket, reconnect: { minDelayMs: 20, maxDelayMs: 200 } })
  clients.push(sc)
  const signals: unknown[] = []
  const peers: string[][] = []
  sc.on('signal', (e) => signals.push(e.data))
  sc.on('peers', (e) => peers.push(e.peers))
  return { sc, signals, peers }
}

describe('peer ids are bound to keys', () => {
  it("a squatter cannot take another's peer id: without the secret key, by replaying a signature, or with a modified client", async () => {
    const s = await start()
    const victim = honest(s.url)
    victim.sc.join(T1)
    victim.sc.connect()
    await waitFor(() => victim.sc.status === 'open', 'victim online')
    const victimKey = { publicKey: Buffer.from(victim.sc.peerId, 'base64url') }
    const squatter = nacl.sign.keyPair()

    // 1. Presents the victim's key, signs with its own.
    const a = raw(s.url)
    expect(await a.hello({ publicKey: new Uint8Array(victimKey.publicKey), secretKey: squatter.secretKey })).toMatchObject({ type: 'error', code: 'BAD_HELLO' })
    a.send({ type: 'join', topic: T1 })
    expect(await a.take((m) => m.type === 'error')).toMatchObject({ code: 'BAD_FRAME' })

    // 2. Replays a valid hello of the victim's key made for another connection's nonce.
    const victimKeys = nacl.sign.keyPair() // a second victim whose signature the squatter recorded
    const recorded = b64(nacl.sign.detached(helloBytes('x'.repeat(43)), victimKeys.secretKey))
    const b = raw(s.url)
    await b.take((m) => m.type === 'challenge')
    b.send({ type: 'hello', key: peerIdForKey(victimKeys.publicKey), sig: recorded })
    expect(await b.take((m) => m.type === 'error')).toMatchObject({ code: 'BAD_HELLO' })

    // 3. A modified SignalingClient: the victim's public key, its own secret key.
    const modified = new SignalingClient({ urls: s.url, WebSocket, key: { publicKey: new Uint8Array(victimKey.publicKey), secretKey: squatter.secretKey } })
    clients.push(modified)
    const errors: string[] = []
    modified.on('error', (e) => errors.push(e.code))
    modified.join(T1)
    modified.connect()
    await waitFor(() => errors.includes('BAD_HELLO'), 'the server refusing the modified client')
    expect(modified.status).not.toBe('open')
    expect(modified.peerId).toBe(victim.sc.peerId)
    expect(s.stats().dropped.badHello).toBeGreaterThanOrEqual(3)

    // Signals for the victim reach the victim only.
    const sender = honest(s.url)
    sender.sc.join(T1)
    sender.sc.connect()
    await waitFor(() => sender.peers.length === 1, 'sender joined')
    expect(sender.peers[0]).toEqual([victim.sc.peerId])
    expect(sender.sc.send(T1, victim.sc.peerId, { secret: 1 })).toBe(true)
    await waitFor(() => victim.signals.length === 1, 'victim receives')
    await sleep(50)
    for (const r of [a, b]) expect(r.received.filter((m) => m.type === 'signal')).toEqual([])
  })

  it('a squatter with its own valid key gets its own id, never the victim’s, and receives nothing meant for the victim', async () => {
    const s = await start()
    const victim = honest(s.url)
    victim.sc.join(T1)
    victim.sc.connect()
    await waitFor(() => victim.peers.length === 1, 'victim joined')
    const squatter = raw(s.url)
    const key = nacl.sign.keyPair()
    expect(await squatter.hello(key)).toEqual({ type: 'welcome', peerId: peerIdForKey(key.publicKey) })
    squatter.send({ type: 'join', topic: T1 })
    await squatter.take((m) => m.type === 'peers')
    const sender = honest(s.url)
    sender.sc.join(T1)
    sender.sc.connect()
    await waitFor(() => sender.peers.length === 1, 'sender joined')
    sender.sc.send(T1, victim.sc.peerId, { for: 'victim' })
    await waitFor(() => victim.signals.length === 1, 'delivered')
    await sleep(50)
    expect(squatter.received.filter((m) => m.type === 'signal')).toEqual([])
  })

  it('a socket that never proves a key is closed after helloTimeoutMs', async () => {
    const s = await start({ helloTimeoutMs: 300 })
    const lurker = raw(s.url)
    await lurker.opened
    const t0 = Date.now()
    await lurker.closed
    expect(Date.now() - t0).toBeLessThan(2000)
    expect(s.stats().connections).toBe(0)
  })
})

describe('connection and topic caps', () => {
  it('1,000 sockets from 127.0.0.2 hit the per-address caps (defaults) while clients on 127.0.0.1 keep working', async () => {
    const s = await start()
    const attackers = Array.from({ length: 1000 }, () => raw(s.url, { localAddress: '127.0.0.2' }))
    const opened = await Promise.all(attackers.map((a) => a.opened))
    // Each welcomed attacker tries to join 64 fresh topics.
    const welcomed = attackers.filter((_, i) => opened[i])
    let joinsSent = 0
    await Promise.all(
      welcomed.map(async (a) => {
        const reply = await a.hello(nacl.sign.keyPair()).catch(() => null)
        if (reply?.type !== 'welcome') return
        for (let t = 0; t < 64; t++) a.send({ type: 'join', topic: `flood${Math.random().toString(36).slice(2)}xxxxxxxxxxxx`.slice(0, 30) })
        joinsSent += 64
      }),
    )
    // Every join is answered, accepted or refused (slow under load: wait for all of them).
    const answered = () => s.stats().topics + s.stats().dropped.tooManyTopics
    await waitFor(() => answered() >= 128 * 64, 'every join answered', 90_000, () => ({ opened: welcomed.length, joinsSent, answered: answered(), stats: s.stats() }))
    const stats = s.stats()
    const live = attackers.filter((a) => a.ws.readyState === WebSocket.OPEN).length
    // Measured: 128 live, 872 refused, 1,024 topics, 7,168 joins refused.
    expect(live).toBe(128) // maxConnectionsPerIp default
    expect(stats.connections).toBe(128)
    expect(stats.topics).toBe(1024) // maxTopicsPerIp default
    expect(stats.dropped.tooManyConnections).toBe(1000 - 128)
    expect(stats.dropped.tooManyTopics).toBe(128 * 64 - 1024)
    expect(attackers.some((a) => a.status() === 503)).toBe(true)

    // Honest clients on 127.0.0.1 connect, meet and relay while the flood holds its sockets.
    const alice = honest(s.url)
    const bob = honest(s.url)
    for (const c of [alice, bob]) {
      c.sc.join(T1)
      c.sc.connect()
    }
    await waitFor(() => alice.peers.length + bob.peers.length === 2 && alice.sc.status === 'open' && bob.sc.status === 'open', 'honest clients joined')
    await waitFor(() => [...alice.peers, ...bob.peers].flat().length === 1, 'they meet')
    expect(alice.sc.send(T1, bob.sc.peerId, { hi: 1 })).toBe(true)
    await waitFor(() => bob.signals.length === 1, 'relayed')
    expect(s.stats().connections).toBe(130)
  }, 150_000)

  it('global caps: maxConnections and maxTopics hold for everyone together', async () => {
    const s = await start({ maxConnections: 5, maxTopics: 3 })
    const socks = Array.from({ length: 8 }, () => raw(s.url))
    const opened = await Promise.all(socks.map((x) => x.opened))
    expect(opened.filter(Boolean).length).toBe(5)
    expect(s.stats().connections).toBe(5)
    const live = socks.filter((_, i) => opened[i])
    for (const x of live) await x.hello(nacl.sign.keyPair())
    for (let i = 0; i < 5; i++) live[i]!.send({ type: 'join', topic: `globalTopic${i}xxxxxxxx` })
    await sleep(200)
    expect(s.stats().topics).toBe(3)
    expect(s.stats().dropped.tooManyTopics).toBe(2)
    // An existing topic can still be joined.
    live[4]!.send({ type: 'join', topic: 'globalTopic0xxxxxxxx' })
    expect(await live[4]!.take((m) => m.type === 'peers')).toMatchObject({ topic: 'globalTopic0xxxxxxxx' })
  })
})

describe('allowedOrigins', () => {
  it('refuses browsers from other origins with 403; the allowed origin and non-browser clients get in', async () => {
    const s = await start({ allowedOrigins: ['https://app.example/'] })
    const evil = raw(s.url, { origin: 'https://evil.example' })
    expect(await evil.opened).toBe(false)
    expect(evil.status()).toBe(403)
    const good = raw(s.url, { origin: 'https://app.example' })
    expect(await good.opened).toBe(true)
    const node = raw(s.url)
    expect(await node.opened).toBe(true)
    expect(s.stats().dropped.badOrigin).toBe(1)
  })
})
