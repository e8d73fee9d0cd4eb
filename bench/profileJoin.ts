// A new peer joins a space of N objects in Node (real WebRTC on loopback, a real signaling
// server process): time from openSpace to every object in its database, and the CPU of this
// process (all peers) meanwhile.
//
//   node --import tsx bench/profileJoin.ts [objects]
import { createClient } from '../src/core.ts'
import { startSignalingProcess } from '../test/support/signalingProcess.ts'

const N = Number(process.argv[2] ?? 10_000)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const server = await startSignalingProcess()
try {
  const make = async (name: string) => {
    const c = await createClient({ storage: 'memory', broadcast: false, signaling: server.url, bindAddress: '127.0.0.1', name })
    await c.createIdentity({ displayName: name })
    return c
  }
  const ada = await make('ada')
  const space = await ada.createSpace({ name: 'join' })
  for (let i = 0; i < N; i += 1000) {
    for (let k = i; k < Math.min(N, i + 1000); k++) space.db.add({ '@type': 'task', title: `t${k}`, done: k % 2 === 1 })
    await sleep(0)
  }
  const cy = await make('cy')
  await space.admit({ identityKey: cy.identity!.identityKey, role: 'editor' })
  await sleep(500)
  const t0 = performance.now()
  const c0 = process.cpuUsage()
  const joined = await cy.openSpace(space.address, { timeout: 120_000 })
  while (joined.db.size < N) await sleep(5)
  const c = process.cpuUsage(c0)
  console.log(`new peer has all ${N} objects: ${(performance.now() - t0).toFixed(0)} ms (CPU of this process ${((c.user + c.system) / 1000).toFixed(0)} ms)`)
  await ada.close()
  await cy.close()
} finally {
  await server.stop()
}
