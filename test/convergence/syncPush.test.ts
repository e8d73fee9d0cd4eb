import { afterEach, describe, expect, it, vi } from 'vitest'
import { createClient, type Client } from '../../src/core.ts'
import { linkClients } from '../../src/testing/index.ts'
import { eventually } from '../core/helpers.ts'

const clients: Client[] = []
afterEach(async () => {
  vi.useRealTimers()
  for (const c of clients.splice(0)) await c.close()
})
async function client(name: string) {
  const c = await createClient({ storage: 'memory', signaling: false, broadcast: false, name })
  await c.createIdentity({ displayName: name })
  clients.push(c)
  return c
}

describe('local changes go to peers at once (SyncPush)', () => {
  it('a write right after a sync reaches the peer without waiting for the 100 ms sync throttle', async () => {
    const [ada, bob] = [await client('ada'), await client('bob')]
    const space = await ada.createSpace({ name: 'push' })
    await space.admit({ identityKey: bob.identity!.identityKey })
    linkClients(ada, bob)
    const remote = await bob.openSpace(space.address, { timeout: 10_000 })
    const task = space.db.add({ n: 0 })
    await eventually(() => remote.db.get(task['@id'])?.n === 0)
    // With the clock frozen only the time we advance passes. The first write wakes
    // automerge-repo's throttle, which then holds the next round for 100 ms; the writes after it
    // (each once everything in flight has settled, so no reply can carry them) must arrive
    // within 10 ms, i.e. by the push.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const advanceUntil = async (done: () => boolean, ms: number) => {
      for (let t = 0; t < ms && !done(); t++) await vi.advanceTimersByTimeAsync(1)
    }
    task.n = 1
    await advanceUntil(() => remote.db.get(task['@id'])?.n === 1, 20)
    expect(remote.db.get(task['@id'])?.n).toBe(1)
    await vi.advanceTimersByTimeAsync(10)
    task.n = 2
    await advanceUntil(() => remote.db.get(task['@id'])?.n === 2, 10)
    expect(remote.db.get(task['@id'])?.n).toBe(2)
    await vi.advanceTimersByTimeAsync(10)
    // New objects and text take the same path.
    const note = space.db.add({ body: 'ab' })
    await advanceUntil(() => remote.db.get(note['@id'])?.body === 'ab', 10)
    expect(remote.db.get(note['@id'])?.body).toBe('ab')
    vi.useRealTimers()
    // Both sides still converge afterwards (the throttled rounds found nothing new to send).
    task.n = 3
    await eventually(() => remote.db.get(task['@id'])?.n === 3)
  })
})
