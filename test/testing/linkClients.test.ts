import { afterEach, describe, expect, it } from 'vitest'
import { createClient, type Client } from '../../src/core.ts'
import { linkClients } from '../../src/testing/index.ts'
import { eventually } from '../core/helpers.ts'

const clients: Client[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close()
})
async function client(displayName: string) {
  const c = await createClient({ storage: 'memory', signaling: false, broadcast: false, name: displayName })
  await c.createIdentity({ displayName })
  clients.push(c)
  return c
}

describe('linkClients (echo-kit/testing)', () => {
  it('replicates a space, stops while cut, and merges both sides on restore', async () => {
    const [ada, bob] = [await client('Ada'), await client('Bob')]
    const space = await ada.createSpace({ name: 'Linked' })
    await space.admit({ identityKey: bob.identity!.identityKey })
    const task = space.db.add({ title: 'one', done: false })
    const link = linkClients(ada, bob)
    const remote = await bob.openSpace(space.address, { timeout: 10_000 })
    await eventually(() => remote.db.get(task['@id'])?.title === 'one')

    link.cut()
    task.done = true
    remote.db.add({ title: 'from bob' })
    await new Promise((r) => setTimeout(r, 200))
    expect(remote.db.get(task['@id'])?.done).toBe(false)
    expect(space.db.query({ title: 'from bob' }).objects).toHaveLength(0)

    link.restore()
    await eventually(() => remote.db.get(task['@id'])?.done === true && space.db.query({ title: 'from bob' }).objects.length === 1)
  })
})
