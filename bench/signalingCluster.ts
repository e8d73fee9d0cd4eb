// Signaling across processes: the same loads on one server, and on two servers sharing topics
// through Redis (alice on one, bob on the other). Clients per second (connect + join + roster)
// and signals per second, side by side; the ratio is what matters on a shared machine.
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { WebSocket } from 'ws'
import { SignalingClient } from '../src/p2p/index.ts'
import { startSignalingServer, type SignalingServer } from '../src/server/index.ts'

const CLIENTS = 200
const SIGNALS = 3000
const TOPIC = 'clusterTopic0123456789abcdef'

type Row = { name: string; value: number; unit: string }

/**
 * Starts a throw-away redis-server (skips with a note when it is not installed), then measures
 * one process vs two processes + Redis.
 *
 * @example for (const row of await benchSignalingCluster()) console.log(row.name, row.value, row.unit)
 */
export async function benchSignalingCluster(): Promise<Row[]> {
  const redis = await startRedis()
  try {
    const rows: Row[] = []
    for (const setup of ['one process', 'two processes + Redis'] as const) {
      const options = { host: '127.0.0.1', port: 0, maxMessagesPerSecond: 1e9, maxTopicsPerConnection: 4, maxConnectionsPerIp: 10_000 }
      const servers: SignalingServer[] = setup === 'one process' ? [await startSignalingServer(options)] : [await startSignalingServer({ ...options, redis: redis.url }), await startSignalingServer({ ...options, redis: redis.url })]
      try {
        const urlOf = (i: number) => servers[i % servers.length]!.url
        rows.push({ name: `clients connecting and joining (10 topics), ${setup}`, value: await clientsPerSecond(urlOf), unit: 'clients/s' })
        rows.push({ name: `signals across, ${setup}`, value: await signalsPerSecond(urlOf(0), urlOf(1)), unit: 'msg/s' })
      } finally {
        for (const s of servers) await s.close()
      }
    }
    return rows
  } finally {
    await redis.stop()
  }
}

async function clientsPerSecond(urlOf: (i: number) => string): Promise<number> {
  const clients: SignalingClient[] = []
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: CLIENTS }, (_, i) => {
      const sc = new SignalingClient({ urls: urlOf(i), WebSocket, reconnect: { minDelayMs: 50, maxDelayMs: 500 } })
      clients.push(sc)
      const ready = new Promise<void>((resolve) => {
        const off = sc.on('peers', () => {
          off()
          resolve()
        })
      })
      sc.join(`${TOPIC}${i % 10}`)
      sc.connect()
      return ready
    }),
  )
  const seconds = (performance.now() - t0) / 1000
  for (const sc of clients) sc.close()
  return Math.round(CLIENTS / seconds)
}

async function signalsPerSecond(aliceUrl: string, bobUrl: string): Promise<number> {
  const alice = new SignalingClient({ urls: aliceUrl, WebSocket })
  const bob = new SignalingClient({ urls: bobUrl, WebSocket })
  try {
    const met = new Promise<void>((resolve) => {
      const off = alice.on('peer-joined', ({ peerId }) => peerId === bob.peerId && (off(), resolve()))
    })
    const joined = new Promise<void>((resolve) => {
      const off = alice.on('peers', () => (off(), resolve()))
    })
    alice.join(TOPIC)
    alice.connect()
    await joined
    bob.join(TOPIC)
    bob.connect()
    await met
    let received = 0
    const done = new Promise<void>((resolve) => bob.on('signal', () => ++received === SIGNALS && resolve()))
    const t0 = performance.now()
    for (let i = 0; i < SIGNALS; i++) alice.send(TOPIC, bob.peerId, { type: 'candidate', i })
    await done
    return Math.round(SIGNALS / ((performance.now() - t0) / 1000))
  } finally {
    alice.close()
    bob.close()
  }
}

async function startRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await new Promise<number>((resolve, reject) => {
    const s = createServer().once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port
      s.close(() => resolve(p))
    })
  })
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'ignore'] })
  await new Promise<void>((resolve, reject) => {
    child.on('error', (e) => reject(new Error(`redis-server is not installed (apt-get install redis-server): ${e.message}`)))
    child.stdout!.on('data', (b: Buffer) => b.toString().includes('Ready to accept') && resolve())
    setTimeout(() => reject(new Error('redis-server did not start')), 15_000).unref()
  })
  return { url: `redis://127.0.0.1:${port}`, stop: () => new Promise<void>((r) => (child.once('exit', () => r()), child.kill('SIGTERM'))) }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await benchSignalingCluster()) console.log(`${row.name}: ${row.value} ${row.unit}`)
}
