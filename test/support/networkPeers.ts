import { afterAll, afterEach, beforeAll } from 'vitest'
import { createClient, type Client, type ClientOptions } from '../../src/core.ts'
import { startSignalingProcess } from './signalingProcess.ts'

/** The signaling server process of one test file. */
export type SignalingServer = Awaited<ReturnType<typeof startSignalingProcess>>

/** What a test file gets from {@link networkPeers}. */
export interface NetworkPeers {
  /** The running server (valid inside tests and hooks). */
  readonly server: SignalingServer
  /**
   * A client networked over the server on 127.0.0.1 (memory storage, no tab channel unless
   * `options` say otherwise), with an identity named `displayName` unless `identity: false`;
   * closed after the test.
   */
  peer(displayName: string, options?: Partial<ClientOptions> & { identity?: boolean }): Promise<Client>
  /** Registers a client made elsewhere so it is closed after the test too. */
  track(client: Client): Client
}

/**
 * The network of one test file, on loopback: a real signaling server process started before its
 * tests and stopped after them, and every client made through it closed after each test.
 *
 * @example const net = networkPeers(); const ada = await net.peer('Ada')
 */
export function networkPeers(): NetworkPeers {
  let server: SignalingServer | undefined
  const clients: Client[] = []
  beforeAll(async () => {
    server = await startSignalingProcess()
  })
  afterAll(async () => {
    await server?.stop()
  })
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close()
  })
  const track = (client: Client) => {
    clients.push(client)
    return client
  }
  return {
    get server() {
      if (!server) throw new Error('networkPeers: the server runs only inside tests and hooks')
      return server
    },
    track,
    async peer(displayName, { identity = true, ...options } = {}) {
      const client = track(await createClient({ storage: 'memory', broadcast: false, signaling: server!.url, bindAddress: '127.0.0.1', name: displayName.toLowerCase(), ...options }))
      if (identity) await client.createIdentity({ displayName })
      return client
    },
  }
}
