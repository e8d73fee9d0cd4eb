// Peers for the live stories: real clients (in-memory storage) that meet through an in-page
// MemorySignalingHub and replicate over real WebRTC data channels (two clients in one page are
// two WebRTC peers on loopback). Where WebRTC cannot connect in this browser, they fall back
// to an in-process link (MessageChannel pairs) and the story says so.
import { MessageChannelNetworkAdapter } from '@automerge/automerge-repo-network-messagechannel'
import { MemorySignalingHub } from '../../src/testing/index.ts'
import { createClient, type Client } from '../../src/index.ts'

/**
 * How the peers of a story replicate: `webrtc` (data channels, in-page signaling) or
 * `in-process` (MessageChannel pairs; the fallback when WebRTC does not connect here).
 *
 * @example const transport: Transport = 'webrtc'
 */
export type Transport = 'webrtc' | 'in-process'

/** Result of {@link probeWebRTC}. @example const { ok, reason } = await probeWebRTC() */
export type WebRTCProbe = { ok: true } | { ok: false; reason: string }

let probe: Promise<WebRTCProbe> | undefined

/**
 * Checks once per page whether two RTCPeerConnections in this page can open a data channel to
 * each other (no media, no servers: host candidates only). Some browsers gather no candidates
 * without a media permission, and some environments have no WebRTC at all.
 *
 * @example if (!(await probeWebRTC()).ok) useInProcessLinks()
 */
export function probeWebRTC(timeoutMs = 5000): Promise<WebRTCProbe> {
  probe ??= runProbe(timeoutMs)
  return probe
}

async function runProbe(timeoutMs: number): Promise<WebRTCProbe> {
  if (typeof RTCPeerConnection === 'undefined') return { ok: false, reason: 'this browser has no RTCPeerConnection' }
  const a = new RTCPeerConnection()
  const b = new RTCPeerConnection()
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    a.onicecandidate = (e) => e.candidate && void b.addIceCandidate(e.candidate).catch(() => {})
    b.onicecandidate = (e) => e.candidate && void a.addIceCandidate(e.candidate).catch(() => {})
    const opened = new Promise<void>((resolve) => {
      b.ondatachannel = (e) => {
        if (e.channel.readyState === 'open') resolve()
        else e.channel.onopen = () => resolve()
      }
    })
    a.createDataChannel('probe')
    await a.setLocalDescription(await a.createOffer())
    await b.setRemoteDescription(a.localDescription!)
    await b.setLocalDescription(await b.createAnswer())
    await a.setRemoteDescription(b.localDescription!)
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)))
    if ((await Promise.race([opened, timedOut])) === 'timeout') {
      return { ok: false, reason: 'two peers in this page could not open a data channel: no ICE candidates, e.g. without a media permission' }
    }
    return { ok: true }
  } catch (error) {
    return { ok: false, reason: `WebRTC failed: ${(error as Error)?.message ?? error}` }
  } finally {
    clearTimeout(timer)
    a.close()
    b.close()
  }
}

type Link = { a: Client; b: Client; adapters: [MessageChannelNetworkAdapter, MessageChannelNetworkAdapter] }

/**
 * The peers of one live story: creates clients on a fresh in-page signaling hub, tracks which
 * are online, and closes them all in {@link LiveNetwork.close}. Subscribe to hear about
 * online/offline changes.
 *
 * @example
 * const net = await LiveNetwork.create()
 * const ada = await net.peer('ada', 'Ada')
 * net.setOnline(ada, false)
 */
export class LiveNetwork {
  readonly hub = new MemorySignalingHub()
  readonly transport: Transport
  /** Why WebRTC is not used, when the probe failed (undefined when in-process was asked for). */
  readonly fallbackReason: string | undefined
  readonly clients: Client[] = []
  #offline = new Set<Client>()
  #links: Link[] = []
  #listeners = new Set<() => void>()
  #closed = false

  private constructor(transport: Transport, fallbackReason?: string) {
    this.transport = transport
    this.fallbackReason = fallbackReason
  }

  /**
   * A network for one story: WebRTC when {@link probeWebRTC} succeeds, else in-process links.
   * `force` skips the probe.
   *
   * @example const net = await LiveNetwork.create()
   */
  static async create(force?: Transport): Promise<LiveNetwork> {
    if (force === 'in-process') return new LiveNetwork('in-process')
    const result = await probeWebRTC()
    return result.ok ? new LiveNetwork('webrtc') : new LiveNetwork('in-process', result.reason)
  }

  /**
   * A client named `name` (with an identity when `displayName` is given). With WebRTC it syncs
   * over data channels with the peers it shares a space with; in-process it is linked to every
   * peer made so far.
   *
   * @example const bob = await net.peer('bob', 'Bob')
   */
  async peer(name: string, displayName?: string): Promise<Client> {
    if (this.#closed) throw new Error('aborted')
    const client = await createClient({
      storage: 'memory',
      broadcast: false,
      name,
      signaling: this.hub.client(name),
      webrtc: this.transport === 'webrtc',
    })
    this.clients.push(client)
    if (this.#closed) {
      void client.close().catch(() => {})
      throw new Error('aborted')
    }
    if (displayName) await client.createIdentity({ displayName })
    if (this.transport === 'in-process') for (const other of this.clients) if (other !== client) this.#link(client, other)
    return client
  }

  /** Whether `client` is online (see {@link LiveNetwork.setOnline}). */
  isOnline(client: Client): boolean {
    return !this.#offline.has(client)
  }

  /**
   * Takes `client` offline or back online. With WebRTC this is `client.setOnline`; in-process
   * the client's links are removed and made again. Local edits go on meanwhile and merge on rejoin.
   *
   * @example net.setOnline(bob, false)
   */
  setOnline(client: Client, online: boolean): void {
    if (this.#closed || client.status === 'closed' || online === this.isOnline(client)) return
    if (online) this.#offline.delete(client)
    else this.#offline.add(client)
    if (this.transport === 'webrtc') client.setOnline(online)
    else if (online) {
      for (const other of this.clients) if (other !== client && this.isOnline(other)) this.#link(client, other)
    } else {
      for (const link of this.#links.filter((l) => l.a === client || l.b === client)) this.#unlink(link)
    }
    this.#emit()
  }

  /** Listens to online/offline changes. @example const off = net.subscribe(render) */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener)
    return () => void this.#listeners.delete(listener)
  }

  /** Closes every client (after the components' own cleanups, which cancel invitations). */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    const clients = this.clients.splice(0)
    setTimeout(() => clients.forEach((c) => void c.close().catch(() => {})), 0)
  }

  get closed(): boolean {
    return this.#closed
  }

  #link(a: Client, b: Client): void {
    if (!this.isOnline(a) || !this.isOnline(b)) return
    const { port1, port2 } = new MessageChannel()
    const adapters: Link['adapters'] = [new MessageChannelNetworkAdapter(port1), new MessageChannelNetworkAdapter(port2)]
    a.addNetworkAdapter(adapters[0])
    b.addNetworkAdapter(adapters[1])
    this.#links.push({ a, b, adapters })
  }

  #unlink(link: Link): void {
    this.#links = this.#links.filter((l) => l !== link)
    link.a.removeNetworkAdapter(link.adapters[0])
    link.b.removeNetworkAdapter(link.adapters[1])
  }

  #emit(): void {
    for (const listener of [...this.#listeners]) listener()
  }
}
