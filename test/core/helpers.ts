import { rmSync } from 'node:fs'
import { MessageChannelNetworkAdapter } from '@automerge/automerge-repo-network-messagechannel'
import { afterEach } from 'vitest'
import { createClient, type Client } from '../../src/core.ts'

/** Links two clients in-process (MessageChannel); `cut()` takes the link down, `restore()` makes a new one. */
export function link(a: Client, b: Client) {
  let adapters: [MessageChannelNetworkAdapter, MessageChannelNetworkAdapter] | null = null
  const up = () => {
    const { port1, port2 } = new MessageChannel()
    adapters = [new MessageChannelNetworkAdapter(port1), new MessageChannelNetworkAdapter(port2)]
    a.addNetworkAdapter(adapters[0])
    b.addNetworkAdapter(adapters[1])
  }
  up()
  return {
    cut() {
      if (!adapters) return
      a.removeNetworkAdapter(adapters[0])
      b.removeNetworkAdapter(adapters[1])
      adapters[0].disconnect()
      adapters[1].disconnect()
      adapters = null
    },
    restore: up,
  }
}

/** A client with an identity, in memory. */
export async function memoryClient(displayName = 'Ada') {
  const client = await createClient({ storage: 'memory', signaling: false, broadcast: false })
  await client.createIdentity({ displayName })
  return client
}

/** Polls until `check` returns truthy (remote sync is asynchronous). */
export async function eventually<T>(check: () => T, timeout = 10_000): Promise<T> {
  const start = Date.now()
  let last: unknown
  for (;;) {
    try {
      const v = check()
      if (v) return v
    } catch (error) {
      last = error
    }
    if (Date.now() - start > timeout) throw last ?? new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 20))
  }
}

/**
 * Clients and temp folders of one test file, closed and deleted after each test (call at the
 * file's top level). `client` makes a client with an identity, in memory or in a folder.
 */
export function testClients() {
  const clients: Client[] = []
  const dirs: string[] = []
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close()
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })
  async function client(displayName: string, storage: 'memory' | { directory: string } = 'memory'): Promise<Client> {
    const c = await createClient({ storage, signaling: false, broadcast: false, name: displayName })
    if (!c.identity) await c.createIdentity({ displayName })
    clients.push(c)
    return c
  }
  return { clients, dirs, client }
}
