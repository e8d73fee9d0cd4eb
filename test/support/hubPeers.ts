import { afterEach } from 'vitest'
import { createClient, type Client } from '../../src/core.ts'
import type { MemorySignalingHub } from '../../src/testing/index.ts'

/**
 * Clients that meet through an in-memory signaling hub (invitations only, no WebRTC), with an
 * identity when `displayName` is given; every one is closed after each test of the file.
 *
 * @example const peer = hubPeers(); const ada = await peer(hub, 'ada', 'Ada')
 */
export function hubPeers(): (hub: MemorySignalingHub, name: string, displayName?: string) => Promise<Client> {
  const clients: Client[] = []
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close()
  })
  return async (hub, name, displayName) => {
    const client = await createClient({ storage: 'memory', broadcast: false, name, signaling: hub.client(name), webrtc: false })
    clients.push(client)
    if (displayName) await client.createIdentity({ displayName })
    return client
  }
}
