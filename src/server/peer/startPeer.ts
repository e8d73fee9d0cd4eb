import './wireEngine.ts'
import { readdir, stat } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { join } from 'node:path'
import { createClient, EchoError, type Client, type Space } from '../../core/index.ts'
import { peerMetrics } from './peerMetrics.ts'

/** Options of {@link startPeer}. */
export interface PeerOptions {
  /** Folder for the peer's files (identity, spaces, documents). Restarting on it resumes. */
  directory: string
  /** Signaling server URL(s) the peer meets others through. */
  signaling: string | string[]
  /** HTTP port for `/health` and `/metrics` (0 picks a free one). Default 4200. */
  port?: number | undefined
  /** Interface for the HTTP endpoints. Default '127.0.0.1'. */
  host?: string | undefined
  /** Node only: local address for ICE candidates (e.g. '127.0.0.1' on a loopback-only host). */
  bindAddress?: string | undefined
  /** Name of the identity the peer creates on its first start (unless it joins as a device). */
  displayName?: string | undefined
  /** Join as a device of an existing identity with this device invitation code, on first start. */
  deviceInvitation?: string | undefined
  /**
   * With `deviceInvitation`: asked for the 6-digit code the inviting device shows, once the
   * peer reached it (again after a wrong code, while attempts are left).
   */
  authCode?: (() => Promise<string>) | undefined
  /** Wait this long for a device invitation to finish. Default 60 s. */
  joinTimeout?: number | undefined
}

/** A running always-on peer. */
export interface AlwaysOnPeer {
  /** The engine underneath: `client.spaces` lists what the peer serves. */
  readonly client: Client
  /** Base URL of the HTTP endpoints (`${url}/health`, `${url}/metrics`). */
  readonly url: string
  /** Starts serving a space the peer's identity was admitted to (by its address). */
  serve(address: string): Promise<Space>
  /** Stops serving a space and deletes the peer's copy. */
  stopServing(spaceId: string): Promise<void>
  /** Flushes everything to disk, stops the HTTP endpoints and the network. */
  close(): Promise<void>
}

/**
 * An always-on peer: the same engine in Node with file storage, keeping every space it belongs
 * to available and synced while the members' browsers are closed. It is an ordinary member (its
 * own identity admitted to spaces, e.g. `space.admit({ identityKey: peer.client.identity.identityKey })`)
 * or a device of a user's identity (`deviceInvitation`); removal and revocation apply to it like
 * to anyone else.
 *
 * @example
 * const peer = await startPeer({ directory: './peer-data', signaling: 'wss://signal.example' })
 * console.log(peer.client.identity?.identityKey) // admit this key, then:
 * await peer.serve(space.address)
 */
export async function startPeer(options: PeerOptions): Promise<AlwaysOnPeer> {
  if (!options || typeof options.directory !== 'string' || !options.directory) {
    throw new EchoError('INVALID_VALUE', 'startPeer needs a directory for its files')
  }
  const client = await createClient({
    storage: { directory: options.directory },
    signaling: options.signaling,
    bindAddress: options.bindAddress,
    broadcast: false,
    name: 'peer',
  })
  try {
    if (!client.identity) await becomeSomeone(client, options)
  } catch (error) {
    await client.close()
    throw error
  }
  const http = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end()
    } else if (path === '/health') {
      const body = { status: client.status === 'ready' ? 'ok' : 'closed', identityKey: client.identity?.identityKey, spaces: client.spaces.length }
      res.writeHead(client.status === 'ready' ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    } else if (path === '/metrics') {
      diskBytes(options.directory).then(
        (bytes) => res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(peerMetrics(client, { diskBytes: bytes })),
        // A file vanishing mid-walk (a compaction) only costs this one figure.
        () => res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(peerMetrics(client)),
      )
    } else {
      res.writeHead(404).end()
    }
  })
  const url = await listen(http, options.port ?? 4200, options.host ?? '127.0.0.1').catch(async (error) => {
    await client.close()
    throw error
  })
  let closing: Promise<void> | undefined
  return {
    client,
    url,
    serve: (address) => client.openSpace(address, { timeout: 0 }),
    async stopServing(spaceId) {
      const space = client.getSpace(spaceId)
      if (!space) throw new EchoError('NOT_FOUND', `this peer does not serve space ${String(spaceId).slice(0, 8)}…`)
      await space.leave()
    },
    close: () =>
      (closing ??= (async () => {
        http.closeAllConnections()
        await new Promise<void>((resolve) => http.close(() => resolve()))
        await client.close()
      })()),
  }
}

async function becomeSomeone(client: Client, options: PeerOptions): Promise<void> {
  if (!options.deviceInvitation) {
    await client.createIdentity({ displayName: options.displayName ?? 'Always-on peer' })
    return
  }
  const ask = options.authCode
  if (!ask) throw new EchoError('INVALID_VALUE', 'joining as a device needs authCode: the 6-digit code the inviting device shows')
  const joining = client.join(options.deviceInvitation)
  const deadline = Date.now() + (options.joinTimeout ?? 60_000)
  let asking = false
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      const { state, error } = joining.getSnapshot()
      if (state === 'ready-for-auth' && !asking) {
        asking = true
        ask()
          .then((code) => joining.authenticate(code))
          .then(
            () => {
              asking = false
              check()
            },
            (failure: unknown) => done(() => reject(failure)),
          )
        return
      }
      if (state === 'success') return done(resolve)
      if (state === 'error' || state === 'cancelled' || state === 'expired') return done(() => reject(error ?? new EchoError('INVALID_INVITATION', `the device invitation ended: ${state}`)))
      if (Date.now() > deadline) return done(() => reject(new EchoError('NETWORK_FAILED', 'the device invitation did not finish in time')))
    }
    const timer = setInterval(check, 250)
    const off = joining.subscribe(check)
    const done = (then: () => void) => {
      clearInterval(timer)
      off()
      then()
    }
    check()
  })
}

async function diskBytes(directory: string): Promise<number> {
  let total = 0
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name)
    total += entry.isDirectory() ? await diskBytes(path) : (await stat(path)).size
  }
  return total
}

function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      const address = server.address()
      const actual = typeof address === 'object' && address ? address.port : port
      resolve(`http://${host}:${actual}`)
    })
  })
}
