// Two echo-kit clients in one Node process over real WebRTC (node-datachannel on loopback,
// a real signaling server process): the after-pause write loop, with the time of the
// Automerge calls on each side taken apart. For profiling the write -> visible path:
//
//   BENCH_PROFILE=/tmp/write.cpuprofile node --import tsx bench/profileWrite.ts [writes]
//   node --import tsx bench/profileSummary.ts /tmp/write.cpuprofile 40
//
// Only the write loop is profiled (not the setup: identities, the credential chain, connecting).
import { Session } from 'node:inspector/promises'
import { writeFileSync } from 'node:fs'
import { RTCDataChannel } from 'node-datachannel/polyfill'
import { createClient, text } from '../src/core.ts'
import { PeerConnection } from '../src/p2p/PeerConnection.ts'
import { startSignalingProcess } from '../test/support/signalingProcess.ts'

const WRITES = Number(process.argv[2] ?? 200)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

// Frame times, as the Chromium bench's trace: the first frame sent after a write (on A) and the
// first frame received after it (on B), to split each write into A / wire / B.
const trace = { sends: [] as number[], recvs: [] as number[] }
const send = RTCDataChannel.prototype.send
RTCDataChannel.prototype.send = function (this: RTCDataChannel, d: never) {
  if (trace.sends.length < 100) trace.sends.push(performance.now())
  return send.call(this, d)
}
const proto = PeerConnection.prototype as unknown as { receive: (data: unknown) => void }
const receive = proto.receive
proto.receive = function (this: unknown, data: unknown) {
  if (trace.recvs.length < 100) trace.recvs.push(performance.now())
  return receive.call(this, data)
}

const server = await startSignalingProcess()
try {
  const make = async (name: string) => {
    const c = await createClient({ storage: 'memory', broadcast: false, signaling: server.url, bindAddress: '127.0.0.1', name })
    await c.createIdentity({ displayName: name })
    return c
  }
  const [ada, bob] = [await make('ada'), await make('bob')]
  const space = await ada.createSpace({ name: 'bench' })
  await space.admit({ identityKey: bob.identity!.identityKey, role: 'editor' })
  const remote = await bob.openSpace(space.address)
  const objects = Array.from({ length: 100 }, (_, i) => space.db.add({ n: -1, i }))
  const last = objects[objects.length - 1]!
  while (remote.db.get(last['@id'])?.n !== -1) await sleep(10)
  await sleep(500)
  const profile = process.env.BENCH_PROFILE
  const session = new Session()
  if (profile) {
    session.connect()
    await session.post('Profiler.enable')
    await session.post('Profiler.setSamplingInterval', { interval: 100 })
    await session.post('Profiler.start')
  }
  const times: number[] = []
  const splits: number[][] = []
  for (let i = 0; i < WRITES; i++) {
    await sleep(20)
    trace.sends.length = trace.recvs.length = 0
    const obj = objects[i % objects.length]!
    const id = obj['@id']
    const t0 = performance.now()
    const seen = new Promise<void>((resolve) => {
      const stop = remote.db.subscribeObject(id, () => {
        if (remote.db.get(id)?.n === i) {
          stop()
          resolve()
        }
      })
    })
    obj.n = i
    await seen
    const t1 = performance.now()
    times.push(t1 - t0)
    const [s0, r0] = [trace.sends[0], trace.recvs[0]]
    if (s0 !== undefined && r0 !== undefined) splits.push([s0 - t0, r0 - s0, t1 - r0])
  }
  if (profile) {
    const { profile: data } = await session.post('Profiler.stop')
    writeFileSync(profile, JSON.stringify(data))
    session.disconnect()
  }
  // Typing: 200 characters at 10 ms intervals into one text field -> each visible on B.
  const note = space.db.add({ body: text('') })
  while (!remote.db.get(note['@id'])) await sleep(10)
  await sleep(200)
  const body = space.db.text(note, 'body')
  const typed: number[] = []
  const seenAt: number[] = []
  const stopTyping = remote.db.subscribeObject(note['@id'], () => {
    const len = String(remote.db.get(note['@id'])?.body ?? '').length
    while (seenAt.length < len) seenAt.push(performance.now())
  })
  for (let k = 0; k < 200; k++) {
    await sleep(10)
    typed.push(performance.now())
    body.splice(body.value.length, 0, 'x')
  }
  while (seenAt.length < typed.length) await sleep(10)
  stopTyping()
  const typing = typed.map((t, k) => seenAt[k]! - t).sort((a, b) => a - b)
  // A burst of 1,000 new objects in one task -> all on B (median of 3).
  const bursts: number[] = []
  const cpu: number[] = []
  for (let round = 0; round < 3; round++) {
    await sleep(300)
    const tag = `b${round}`
    const t0 = performance.now()
    const c0 = process.cpuUsage()
    const all = new Promise<void>((resolve) => {
      const q = remote.db.query({ burst: tag })
      const stop = q.subscribe(() => q.objects.length >= 1000 && (stop(), resolve()))
    })
    for (let i = 0; i < 1000; i++) space.db.add({ burst: tag, i })
    await all
    bursts.push(performance.now() - t0)
    const c = process.cpuUsage(c0)
    cpu.push((c.user + c.system) / 1000)
  }
  bursts.sort((a, b) => a - b)
  console.log(`burst of 1,000 new objects on A -> all on B: median ${bursts[1]!.toFixed(1)} ms (${bursts.map((b) => b.toFixed(0)).join(', ')}); CPU of this process (both peers) ${cpu.map((c) => c.toFixed(0)).join(', ')} ms`)
  times.sort((a, b) => a - b)
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor((q / 100) * times.length))]!.toFixed(2)
  const med = (k: number) => {
    const xs = splits.map((x) => x[k]!).sort((a, b) => a - b)
    return xs[Math.floor(xs.length / 2)]!.toFixed(3)
  }
  console.log(`after-pause write -> visible on B: p50 ${p(50)} ms, p90 ${p(90)} ms, p99 ${p(99)} ms (${WRITES} writes)`)
  console.log(`typing (200 x 10 ms, one text field) -> visible on B: p50 ${typing[100]!.toFixed(2)} ms, p99 ${typing[197]!.toFixed(2)} ms`)
  console.log(`split (medians): write -> first frame sent on A ${med(0)} ms + frame sent -> received on B ${med(1)} ms + received -> visible on B ${med(2)} ms`)
  await ada.close()
  await bob.close()
} finally {
  await server.stop()
}
