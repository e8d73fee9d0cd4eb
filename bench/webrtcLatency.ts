// Sync latency over WebRTCNetworkAdapter: two Repos in one Node process, linked by
// node-datachannel data channels on loopback (MemorySignaling, so no server in the path).
//
// automerge-repo sends a document's changes at most every 100 ms (DocSynchronizer's
// throttle): a write within 100 ms of the previous sync of that document waits for the
// throttle, one after a pause goes out on the next tick. The latency rows measure the latter,
// the network path, by writing round-robin over several documents so each has rested
// >= 100 ms; the burst row shows the throttle's batching instead.
//
// Run alone: node --import tsx bench/webrtcLatency.ts
import { Repo, type DocHandle, type PeerId } from '@automerge/automerge-repo'
import { pathToFileURL } from 'node:url'
import { MemorySignalingHub } from '../src/testing/index.ts'
import { WebRTCNetworkAdapter } from '../src/p2p/WebRTCNetworkAdapter.ts'

type Row = { name: string; value: number; unit: string }
type Counter = { n: number }

const QUICK = process.env.BENCH_QUICK === '1' || process.env.BENCH_QUICK === 'true'
const WRITES = QUICK ? 50 : 200
const BURST = 1000
const DOCS = 16 // round-robin so each document rests past the 100 ms throttle
const REST_MS = 105
const JOIN_OBJECTS = QUICK ? 2_000 : 10_000
const PINGS = QUICK ? 100 : 1000

const now = () => performance.now()
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

const round = (x: number) => Math.round(x * 1000) / 1000

/** Resolves once `handle`'s document satisfies `done`, checked on every 'change'. */
function whenDoc<T>(handle: DocHandle<T>, done: (doc: T) => boolean, ms = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (done(handle.doc())) return resolve()
    const timer = setTimeout(() => {
      handle.off('change', check)
      reject(new Error(`document did not reach the expected state within ${ms} ms`))
    }, ms)
    const check = () => {
      if (!done(handle.doc())) return
      clearTimeout(timer)
      handle.off('change', check)
      resolve()
    }
    handle.on('change', check)
  })
}

function pair(hub: MemorySignalingHub, a: string, b: string) {
  const adapterA = new WebRTCNetworkAdapter({ signaling: hub.client(`sig-${a}`), topic: 'bench', bindAddress: '127.0.0.1' })
  const adapterB = new WebRTCNetworkAdapter({ signaling: hub.client(`sig-${b}`), topic: 'bench', bindAddress: '127.0.0.1' })
  return { adapterA, adapterB }
}

/**
 * Measures WebRTCNetworkAdapter end to end between two Repos on loopback: write on A ->
 * visible on B (p50/p99 over 200 writes), a burst of 1,000 writes -> all on B, a new peer
 * joining a 10,000-object document, and the adapter alone (small round trip, one 5 MB
 * message). Both peers share one event loop, so each figure includes both sides' work.
 *
 * @example
 * for (const row of await benchWebRTCLatency()) console.log(row.name, row.value, row.unit)
 */
export async function benchWebRTCLatency(): Promise<Row[]> {
  const rows: Row[] = []
  const hub = new MemorySignalingHub()
  const { adapterA, adapterB } = pair(hub, 'a', 'b')
  const repoA = new Repo({ network: [adapterA], peerId: 'alice' as PeerId })
  const repoB = new Repo({ network: [adapterB], peerId: 'bob' as PeerId })
  const extra: Repo[] = []
  try {
    // Connection setup, as the app sees it: connect() -> both sides announced.
    await adapterB.whenReady()

    // ---- write on A -> visible on B --------------------------------------------------
    const handlesA = Array.from({ length: DOCS }, () => repoA.create<Counter>({ n: -1 }))
    const handlesB = await Promise.all(handlesA.map((h) => repoB.find<Counter>(h.url)))
    const lastWrite = new Array<number>(DOCS).fill(0)
    const latencies: number[] = []
    for (let i = 0; i < WRITES; i++) {
      const d = i % DOCS
      const rest = REST_MS - (now() - lastWrite[d]!)
      if (rest > 0) await sleep(rest)
      const visible = whenDoc(handlesB[d]!, (doc) => doc.n === i)
      const t0 = now()
      handlesA[d]!.change((doc) => void (doc.n = i))
      await visible
      latencies.push(now() - t0)
      lastWrite[d] = now()
    }
    rows.push({ name: `write on A -> visible on B, p50 (${WRITES} writes)`, value: round(percentile(latencies, 50)), unit: 'ms' })
    rows.push({ name: `write on A -> visible on B, p99 (${WRITES} writes)`, value: round(percentile(latencies, 99)), unit: 'ms' })

    // ---- burst of 1,000 writes -> all on B -------------------------------------------
    await sleep(REST_MS)
    const burstA = handlesA[0]!
    const burstB = handlesB[0]!
    const allOnB = whenDoc(burstB, (doc) => doc.n === 10_000 + BURST - 1)
    const t0 = now()
    for (let i = 0; i < BURST; i++) burstA.change((doc) => void (doc.n = 10_000 + i))
    const written = now() - t0
    await allOnB
    rows.push({ name: `burst of ${BURST} writes on A -> all on B`, value: round(now() - t0), unit: 'ms' })
    rows.push({ name: `  of which the ${BURST} writes on A themselves`, value: round(written), unit: 'ms' })

    // ---- a new peer joins and gets a 10,000-object document ---------------------------
    const big = repoA.create<{ objects: Record<string, unknown> }>({ objects: {} })
    for (let start = 0; start < JOIN_OBJECTS; start += 5_000) {
      big.change((doc) => {
        for (let i = start; i < Math.min(JOIN_OBJECTS, start + 5_000); i++) {
          doc.objects[`object-${i}`] = { task: `Buy milk ${i}`, done: i % 2 === 1, priority: i % 5, '@type': 'task' }
        }
      })
    }
    // Let B receive it too (A announces new documents to its peers), so the join below
    // is measured on a quiet system rather than against B still applying the document.
    const bigOnB = await repoB.find<{ objects: Record<string, unknown> }>(big.url)
    await whenDoc(bigOnB, (doc) => Object.keys(doc.objects ?? {}).length === JOIN_OBJECTS)
    const joinerAdapter = new WebRTCNetworkAdapter({ signaling: hub.client('sig-c'), topic: 'bench', bindAddress: '127.0.0.1' })
    const tJoin = now()
    const joiner = new Repo({ network: [joinerAdapter], peerId: 'carol' as PeerId })
    extra.push(joiner)
    await joinerAdapter.whenReady()
    const connected = now() - tJoin
    const handle = await joiner.find<{ objects: Record<string, unknown> }>(big.url)
    await whenDoc(handle, (doc) => Object.keys(doc.objects ?? {}).length === JOIN_OBJECTS)
    rows.push({
      name: `new peer joins, has a ${JOIN_OBJECTS.toLocaleString('en')}-object document (connect + sync)`,
      value: round(now() - tJoin),
      unit: 'ms',
    })
    rows.push({ name: '  of which connecting (connect -> peers announced)', value: round(connected), unit: 'ms' })
    const stats = adapterA.stats
    rows.push({ name: 'frames/messages dropped during the run', value: stats.droppedFrames + stats.droppedMessages + stats.badMessages, unit: 'count' })
    rows.push(...(await adapterAlone()))
    return rows
  } finally {
    const all = [repoA, repoB, ...extra]
    await settle(all)
    await Promise.all(all.map((r) => r.shutdown()))
  }
}

/**
 * Waits until no document is still being fetched. automerge-repo 2.5.6 leaves a handle that
 * is mid-sync at shutdown waiting 60 s, then rejects unhandled (DocSynchronizer.beginSync),
 * which would crash the bench runner a minute later.
 */
async function settle(repos: Repo[], ms = 10_000): Promise<void> {
  const settled = ['ready', 'unavailable', 'deleted', 'unloaded'] as const
  const end = now() + ms
  const busy = () => repos.some((r) => Object.values(r.handles).some((h) => !h.inState([...settled])))
  while (busy() && now() < end) await sleep(20)
}

/**
 * The adapter without Repos (whose NetworkSubsystem stringifies every message type it does
 * not know, which would dominate these figures): small round trip, one 5 MB message.
 */
async function adapterAlone(): Promise<Row[]> {
  const rows: Row[] = []
  const { adapterA, adapterB } = pair(new MemorySignalingHub(), 'x', 'y')
  type Msg = { type: string; data?: Uint8Array }
  const nextOfType = (adapter: WebRTCNetworkAdapter, type: string) =>
    new Promise<Msg>((resolve) => {
      const on = (m: Msg) => {
        if (m.type !== type) return
        adapter.off('message', on as never)
        resolve(m)
      }
      adapter.on('message', on as never)
    })
  const send = (from: WebRTCNetworkAdapter, type: string, data: Uint8Array) =>
    from.send({ type, senderId: from.peerId, targetId: from === adapterA ? 'bob' : 'alice', data } as never)
  try {
    const connected = Promise.all([adapterA, adapterB].map((a) => new Promise((r) => a.once('peer-candidate', r))))
    adapterA.connect('alice' as PeerId, {})
    adapterB.connect('bob' as PeerId, {})
    await connected

    // Small message round trip: B echoes every ping.
    const echo = (m: Msg) => m.type === 'bench-ping' && send(adapterB, 'bench-pong', m.data!)
    adapterB.on('message', echo as never)
    const rtts: number[] = []
    for (let i = 0; i < PINGS; i++) {
      const pong = nextOfType(adapterA, 'bench-pong')
      const t = now()
      send(adapterA, 'bench-ping', new Uint8Array(64))
      await pong
      rtts.push(now() - t)
    }
    adapterB.off('message', echo as never)
    rows.push({ name: `adapter round trip, 64-byte message, p50 (${PINGS})`, value: round(percentile(rtts, 50)), unit: 'ms' })
    rows.push({ name: `adapter round trip, 64-byte message, p99 (${PINGS})`, value: round(percentile(rtts, 99)), unit: 'ms' })

    // One 5 MB message: chunked into ~320 frames, paced by bufferedAmount.
    const big = nextOfType(adapterB, 'bench-big')
    const t = now()
    send(adapterA, 'bench-big', new Uint8Array(5 * 1024 * 1024))
    await big
    rows.push({ name: 'adapter: one 5 MB message A -> B', value: round(now() - t), unit: 'ms' })
    return rows
  } finally {
    adapterA.disconnect()
    adapterB.disconnect()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await benchWebRTCLatency()
  const width = Math.max(...rows.map((r) => r.name.length))
  for (const r of rows) console.log(`${r.name.padEnd(width)}  ${String(r.value).padStart(10)} ${r.unit}`)
}
