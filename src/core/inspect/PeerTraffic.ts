import type { Message, PeerId, Repo } from '@automerge/automerge-repo'

/** What one peer exchanged with this client's Repo (message payloads, as the Repo sees them). */
export interface PeerTrafficEntry {
  readonly peerId: string
  /** 'connected' while the Repo has the peer; 'disconnected' afterwards (kept for the record). */
  readonly state: 'connected' | 'disconnected'
  /** Payload bytes of messages from the peer that reached the Repo (refused ones never do). */
  readonly bytesIn: number
  /** Payload bytes of messages the Repo sent to the peer. */
  readonly bytesOut: number
  readonly messagesIn: number
  readonly messagesOut: number
  /** When the last message from or to the peer passed (ms since epoch), if any. */
  readonly lastMessageAt: number | undefined
  /** When the peer (last) connected (ms since epoch). */
  readonly connectedAt: number | undefined
}

type Counters = { -readonly [K in keyof PeerTrafficEntry]: PeerTrafficEntry[K] }

/** How many disconnected peers are remembered (the oldest are forgotten first). */
const KEEP_GONE = 32

/**
 * Per-peer message and byte counters of a Repo, for diagnostics (the devtools' peers table).
 * Made on the first `inspectClient(client)` (so an app without devtools pays nothing) and counts
 * from then on; peers already connected are listed from the start. Inbound: the network
 * subsystem's `message` event (what reached the Repo). Outbound: one pass-through hook on
 * `networkSubsystem.send` that counts and forwards every message unchanged (the same path
 * SyncPush hooks; neither changes what the other sees).
 *
 * @example const traffic = new PeerTraffic(repo); traffic.list()
 */
export class PeerTraffic {
  readonly #peers = new Map<string, Counters>()
  // Who a peer proved to be, kept past its disconnect (the access policy forgets it then).
  readonly #proven = new Map<string, { identityKey: string; deviceKey: string }>()
  readonly #cleanup: (() => void)[] = []
  #closed = false

  constructor(repo: Repo) {
    const network = repo.networkSubsystem
    for (const peerId of repo.peers) this.#entry(peerId)
    const onPeer = ({ peerId }: { peerId: PeerId }) => {
      const entry = this.#entry(peerId)
      entry.state = 'connected'
      entry.connectedAt = Date.now()
    }
    const onGone = ({ peerId }: { peerId: PeerId }) => {
      const entry = this.#peers.get(peerId)
      if (entry) entry.state = 'disconnected'
      this.#trim()
    }
    const onMessage = (message: Message) => this.#count(message.senderId, message, 'in')
    network.on('peer', onPeer)
    network.on('peer-disconnected', onGone)
    network.on('message', onMessage)
    const send = network.send.bind(network)
    network.send = (message) => {
      if (!this.#closed && message.targetId) this.#count(message.targetId, message, 'out')
      send(message)
    }
    this.#cleanup.push(() => {
      network.off('peer', onPeer)
      network.off('peer-disconnected', onGone)
      network.off('message', onMessage)
    })
  }

  /** Every peer seen, connected ones first; a fresh copy each call. */
  list(): PeerTrafficEntry[] {
    const all = [...this.#peers.values()].map((e) => ({ ...e }))
    return all.sort((a, b) => (a.state === b.state ? 0 : a.state === 'connected' ? -1 : 1))
  }

  /** Remembers who `peerId` proved to be in its session. */
  prove(peerId: string, who: { identityKey: string; deviceKey: string }): void {
    this.#proven.set(peerId, who)
  }

  /** Who `peerId` proved to be, also after it left; undefined for local links. */
  proven(peerId: string): { identityKey: string; deviceKey: string } | undefined {
    return this.#proven.get(peerId)
  }

  /** Stops counting (the send hook stays, as a plain pass-through: another hook may wrap it). */
  close(): void {
    this.#closed = true
    for (const fn of this.#cleanup.splice(0)) fn()
  }

  #count(peerId: string, message: object, direction: 'in' | 'out'): void {
    const entry = this.#entry(peerId)
    const bytes = (message as { data?: Uint8Array }).data?.byteLength ?? 0
    if (direction === 'in') {
      entry.bytesIn += bytes
      entry.messagesIn++
    } else {
      entry.bytesOut += bytes
      entry.messagesOut++
    }
    entry.lastMessageAt = Date.now()
  }

  #entry(peerId: string): Counters {
    let entry = this.#peers.get(peerId)
    if (!entry) {
      entry = { peerId, state: 'connected', bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0, lastMessageAt: undefined, connectedAt: undefined }
      this.#peers.set(peerId, entry)
    }
    return entry
  }

  #trim(): void {
    const gone = [...this.#peers.values()].filter((e) => e.state === 'disconnected')
    for (const e of gone.slice(0, Math.max(0, gone.length - KEEP_GONE))) {
      this.#peers.delete(e.peerId)
      this.#proven.delete(e.peerId)
    }
  }
}
