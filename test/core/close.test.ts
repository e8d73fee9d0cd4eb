import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, type Client } from '../../src/core.ts'
import { startSignalingServer } from '../../src/server/index.ts'
import { eventually } from './helpers.ts'

// close() leaves nothing behind: no socket, timer or listener of a closed client stays alive.
// Counted with Node's own view of what keeps the process busy.

function resources(): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1
  return counts
}

function grewFrom(base: Record<string, number>): Record<string, number> {
  const now = resources()
  const grown: Record<string, number> = {}
  for (const [k, n] of Object.entries(now)) if (n > (base[k] ?? 0)) grown[k] = n - (base[k] ?? 0)
  return grown
}

let server: Awaited<ReturnType<typeof startSignalingServer>>
beforeAll(async () => {
  server = await startSignalingServer({ port: 0, host: '127.0.0.1' })
})
afterAll(async () => {
  await server.close()
})

async function networked(name: string): Promise<Client> {
  return createClient({ storage: 'memory', signaling: server.url, bindAddress: '127.0.0.1', broadcast: false, name })
}

describe('close() leaves nothing behind', () => {
  it('100 networked clients, two of them connected over WebRTC, close back to the baseline', { timeout: 180_000 }, async () => {
    // Warm up once so lazily loaded modules and their one-time handles are in the baseline.
    const warm = await networked('warm')
    await warm.createIdentity({ displayName: 'Warm' })
    await warm.close()
    await new Promise((r) => setTimeout(r, 1200))
    const base = resources()
    const processListeners = process.listenerCount('exit') + process.listenerCount('uncaughtException')

    const clients: Client[] = []
    for (let i = 0; i < 100; i++) {
      const client = await networked(`c${i}`)
      await client.createIdentity({ displayName: `Peer ${i}` })
      clients.push(client)
    }
    // Two of them share a space and sync it over WebRTC, so peer connections exist too.
    const [ada, bob] = clients
    const space = await ada.createSpace({ name: 'Shared' })
    space.db.add({ title: 'hello' })
    await space.admit({ identityKey: bob.identity!.identityKey })
    const remote = await bob.openSpace(space.address, { timeout: 20_000 })
    await eventually(() => remote.db.query({ title: 'hello' }).objects.length === 1, 20_000)
    expect(ada.network.getSnapshot().peers).toBeGreaterThan(0)
    expect(Object.keys(grewFrom(base)).length).toBeGreaterThan(0) // the clients do hold sockets

    for (const client of clients) await client.close()
    expect(clients.every((c) => c.status === 'closed')).toBe(true)
    await eventually(() => Object.keys(grewFrom(base)).length === 0, 15_000).catch(() => {
      throw new Error(`still active after close: ${JSON.stringify(grewFrom(base))}`)
    })
    expect(process.listenerCount('exit') + process.listenerCount('uncaughtException')).toBe(processListeners)
    // The server saw every socket go.
    await eventually(() => server.stats().connections === 0, 10_000)
  })
})
