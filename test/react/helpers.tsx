import { MessageChannelNetworkAdapter } from '@automerge/automerge-repo-network-messagechannel'
import { createClient, type Client } from '../../src/index.ts'

export async function memoryClient(displayName = 'Ada'): Promise<Client> {
  const client = await createClient({ storage: 'memory', broadcast: false })
  await client.createIdentity({ displayName })
  return client
}

export function link(a: Client, b: Client) {
  const { port1, port2 } = new MessageChannel()
  a.addNetworkAdapter(new MessageChannelNetworkAdapter(port1))
  b.addNetworkAdapter(new MessageChannelNetworkAdapter(port2))
}
