// Relay throughput and latency of the signaling server, measured end to end through two
// SignalingClients on loopback. Signaling carries a handful of frames per peer connection, so
// this guards against regressions (e.g. validation getting expensive), not a capacity target.
import { WebSocket } from 'ws'
import { SignalingClient } from '../src/p2p/SignalingClient.ts'
import { startSignalingServer } from '../src/server/startSignalingServer.ts'

const N = 5000
const LATENCY_SAMPLES = 1000
const TOPIC = 'benchTopic0123456789abcdef'

/**
 * Starts a server on 127.0.0.1, relays N = 5000 signals from one client to another and reports
 * throughput (all sent at once) and one-way relay latency (one frame in flight at a time).
 *
 * @example
 * for (const row of await benchSignalingRelay()) console.log(row.name, row.value, row.unit)
 */
export async function benchSignalingRelay(): Promise<{ name: string; value: number; unit: string }[]> {
  // The per-connection rate limit exists for abuse; the benchmark measures the relay itself.
  const server = await startSignalingServer({ host: '127.0.0.1', port: 0, maxMessagesPerSecond: 1e9 })
  const make = () => new SignalingClient({ urls: server.url, WebSocket, reconnect: { minDelayMs: 50, maxDelayMs: 200 } })
  const alice = make()
  const bob = make()
  try {
    const bobReady = new Promise<void>((resolve) => {
      const off = alice.on('peer-joined', ({ peerId }) => {
        if (peerId === bob.peerId) {
          off()
          resolve()
        }
      })
    })
    const aliceJoined = new Promise<void>((resolve) => {
      const off = alice.on('peers', () => {
        off()
        resolve()
      })
    })
    alice.join(TOPIC)
    alice.connect()
    await aliceJoined
    bob.join(TOPIC)
    bob.connect()
    await withTimeout(bobReady, 10_000, 'clients did not meet')

    // Throughput: send everything, time until the last frame arrives.
    let received = 0
    let allArrived: () => void = () => {}
    const done = new Promise<void>((resolve) => (allArrived = resolve))
    const offCount = bob.on('signal', () => {
      if (++received === N) allArrived()
    })
    const payload = { type: 'candidate', candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 54321 typ host', sdpMid: '0' }
    const t0 = performance.now()
    for (let i = 0; i < N; i++) {
      if (!alice.send(TOPIC, bob.peerId, { ...payload, i })) throw new Error('send failed')
    }
    await withTimeout(done, 60_000, `only ${received}/${N} frames arrived`)
    const seconds = (performance.now() - t0) / 1000
    offCount()

    // Latency: one frame in flight, so queueing does not inflate it.
    const latencies: number[] = []
    let arrived: () => void = () => {}
    const offLatency = bob.on('signal', ({ data }) => {
      latencies.push(performance.now() - (data.t as number))
      arrived()
    })
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const got = new Promise<void>((resolve) => (arrived = resolve))
      alice.send(TOPIC, bob.peerId, { ...payload, t: performance.now() })
      await withTimeout(got, 5_000, 'latency frame lost')
    }
    offLatency()
    latencies.sort((a, b) => a - b)
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!

    return [
      { name: 'signaling relay throughput', value: Math.round(N / seconds), unit: 'msg/s' },
      { name: 'signaling relay latency p50', value: round3(pct(0.5)), unit: 'ms' },
      { name: 'signaling relay latency p99', value: round3(pct(0.99)), unit: 'ms' },
    ]
  } finally {
    alice.close()
    bob.close()
    await server.close()
  }
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await benchSignalingRelay()) console.log(`${row.name}: ${row.value} ${row.unit}`)
}
