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
import { createClient } from '../src/core.ts'
import { startSignalingProcess } from '../test/support/signalingProcess.ts'

const WRITES = Number(process.argv[2] ?? 200)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

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
  for (let i = 0; i < WRITES; i++) {
    await sleep(20)
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
    times.push(performance.now() - t0)
  }
  if (profile) {
    const { profile: data } = await session.post('Profiler.stop')
    writeFileSync(profile, JSON.stringify(data))
    session.disconnect()
  }
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
  console.log(`after-pause write -> visible on B: p50 ${p(50)} ms, p90 ${p(90)} ms, p99 ${p(99)} ms (${WRITES} writes)`)
  await ada.close()
  await bob.close()
} finally {
  await server.stop()
}
