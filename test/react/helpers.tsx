import { DirectNetworkAdapter } from '../../src/testing/index.ts'
import { createClient, type Client } from '../../src/index.ts'

export async function memoryClient(displayName = 'Ada'): Promise<Client> {
  const client = await createClient({ storage: 'memory', broadcast: false })
  await client.createIdentity({ displayName })
  return client
}

/** Links two clients in-process (by reference: jsdom's MessageChannel changes Uint8Array realms). */
export function link(a: Client, b: Client) {
  const [x, y] = DirectNetworkAdapter.pair()
  a.addNetworkAdapter(x)
  b.addNetworkAdapter(y)
}
