import type { DocHandle, PeerId, Repo } from '@automerge/automerge-repo'
import { Store } from '../shared/index.ts'

/** Sync state of one space. */
export type SyncState = 'offline' | 'syncing' | 'synced'

/** Snapshot of a space's sync. */
export interface SyncStatus {
  status: SyncState
  /** Connected peers that hold this space's documents. */
  peers: number
}

/** Which peers' heads the monitor leaves out for a document (their changes are refused). */
export type RefusedPeers = (peerId: string, documentId: string) => boolean

let makeMonitor: (repo: Repo, refused: RefusedPeers) => SyncMonitor
let controlsOf: (monitor: SyncMonitor) => Omit<SyncMonitorControl, 'monitor'>

/**
 * Live sync status of a space: `offline` with no peer, `syncing` while a peer's last known heads
 * differ from ours, `synced` when every peer that reports its heads has ours. Peers whose
 * changes the space refuses (see SpaceGate) are left out of that comparison. Read-only to apps;
 * the space drives it through {@link syncMonitor}.
 *
 * @example space.sync.subscribe(() => console.log(space.sync.getSnapshot()))
 */
export class SyncMonitor extends Store<SyncStatus> {
  readonly #repo: Repo
  readonly #refused: RefusedPeers
  #handles: DocHandle<unknown>[] = []
  #cleanup: (() => void)[] = []
  #queued = false

  // The owner's controls reach the private members from here; see syncMonitor().
  static {
    makeMonitor = (repo, refused) => new SyncMonitor(repo, refused)
    controlsOf = (monitor) => ({ watch: (h) => monitor.#watch(h), refresh: () => monitor.#update(), close: () => monitor.#close() })
  }

  private constructor(repo: Repo, refused: RefusedPeers) {
    super({ status: 'offline', peers: 0 })
    this.#repo = repo
    this.#refused = refused
    const update = () => this.#update()
    repo.networkSubsystem.on('peer', update)
    repo.networkSubsystem.on('peer-disconnected', update)
    this.#cleanup.push(() => {
      repo.networkSubsystem.off('peer', update)
      repo.networkSubsystem.off('peer-disconnected', update)
    })
  }

  #watch(handles: DocHandle<unknown>[]): void {
    this.#handles = handles
    const update = () => this.#updateSoon()
    for (const h of handles) {
      h.on('remote-heads', update)
      h.on('heads-changed', update)
      this.#cleanup.push(() => {
        h.off('remote-heads', update)
        h.off('heads-changed', update)
      })
    }
    this.#update()
  }

  /**
   * Heads change with every write, local or remote, inside the handle's update and before the
   * handle reports the change: judged there, the status (heads encoded, compared per peer)
   * would delay the write's push to peers and its arrival in the read model. So it is judged in
   * a microtask after the update, once for a burst of them.
   */
  #updateSoon(): void {
    if (this.#queued) return
    this.#queued = true
    queueMicrotask(() => {
      this.#queued = false
      if (this.#handles.length) this.#update()
    })
  }

  #update(): void {
    const peers = this.#repo.peers as PeerId[]
    if (!peers.length || !this.#handles.length) {
      this.set({ status: 'offline', peers: 0 })
      return
    }
    let known = 0
    let behind = false
    for (const peer of peers) {
      const storageId = this.#repo.getStorageIdOfPeer(peer)
      if (!storageId) continue
      for (const h of this.#handles) {
        // A peer whose changes to this document we refuse (a reader that wrote anyway) keeps
        // heads we will never have: it must not hold the space in 'syncing' forever.
        if (this.#refused(peer, h.documentId)) continue
        const info = h.getSyncInfo(storageId)
        if (!info) continue
        known++
        const ours = h.heads() ?? []
        const theirs = info.lastHeads ?? []
        if (ours.length !== theirs.length || ours.some((x) => !theirs.includes(x))) behind = true
      }
    }
    this.set({ status: behind || known === 0 ? 'syncing' : 'synced', peers: peers.length })
  }

  #close(): void {
    for (const fn of this.#cleanup.splice(0)) fn()
    this.#handles = []
    this.set({ status: 'offline', peers: 0 })
  }
}

/** The owner's handle on a {@link SyncMonitor}. */
export interface SyncMonitorControl {
  readonly monitor: SyncMonitor
  /** Watches the space's documents once they are loaded. */
  watch(handles: DocHandle<unknown>[]): void
  /** Judges the status again (which peers are left out changed; no Repo event says so). */
  refresh(): void
  /** Stops listening. */
  close(): void
}

/**
 * Makes a {@link SyncMonitor} over a Repo; only the caller can point it at documents or stop it.
 *
 * @example const sync = syncMonitor(repo); sync.watch([control, data])
 */
export function syncMonitor(repo: Repo, refused: RefusedPeers = () => false): SyncMonitorControl {
  const monitor = makeMonitor(repo, refused)
  return { monitor, ...controlsOf(monitor) }
}
