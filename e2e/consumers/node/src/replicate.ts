// A plain Node program (no bundler, no browser globals): a signaling server from
// 'echo-kit/server' and two clients from 'echo-kit/core' that replicate a space over WebRTC
// (node-datachannel, installed as echo-kit's optional dependency).
import { createClient, type Client } from 'echo-kit/core'
import { startSignalingServer } from 'echo-kit/server'

async function eventually<T>(read: () => T | undefined, what: string, ms = 20_000): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    const value = read()
    if (value !== undefined) return value
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

// Options straight from the environment: under exactOptionalPropertyTypes an unset variable
// (undefined) must be accepted where an option is optional.
const server = await startSignalingServer({ port: 0, host: '127.0.0.1', redis: process.env['ECHO_TEST_REDIS_URL'] })
const iceServers = process.env['ECHO_TEST_ICE'] ? [{ urls: process.env['ECHO_TEST_ICE'] }] : undefined
const clients: Client[] = []
try {
  const open = async (name: string) => {
    const client = await createClient({ storage: 'memory', signaling: server.url, bindAddress: '127.0.0.1', name, iceServers })
    await client.createIdentity({ displayName: name })
    clients.push(client)
    return client
  }
  const ada = await open('Ada')
  const bob = await open('Bob')
  const space = await ada.createSpace({ name: 'Groceries' })
  await space.admit({ identityKey: bob.identity!.identityKey, role: 'editor' })
  const task = space.db.add({ '@type': 'task', title: 'Buy milk', done: false })

  const bobs = await bob.openSpace(space.address)
  const copy = await eventually(() => bobs.db.get(task['@id']), "Ada's task at Bob")
  copy['done'] = true
  await eventually(() => (task.done ? true : undefined), "Bob's edit at Ada")
  console.log(`node consumer: replicated ${JSON.stringify({ title: copy['title'], done: task.done })}`)
} finally {
  for (const client of clients) await client.close()
  await server.close()
}
