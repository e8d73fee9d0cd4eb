import type { Repo } from '@automerge/automerge-repo'
import type { PeerTrafficEntry } from './PeerTraffic.ts'
import type { RefusedMessage } from './RefusalLog.ts'

/** A peer as diagnostics show it: its traffic plus who it proved to be (when it had a session). */
export interface PeerDiagnostics extends PeerTrafficEntry {
  /** Identity and device of a peer that proved itself in a session; undefined for local links (tabs, in-process). */
  readonly identityKey: string | undefined
  readonly deviceKey: string | undefined
}

/** Read-only views of a client's network, for devtools. */
export interface NetworkDiagnostics {
  /** Every peer seen (connected first), with bytes and messages in and out. */
  peers(): PeerDiagnostics[]
  /** The most recent messages dropped by the inbound gate, oldest first. */
  refusals(): RefusedMessage[]
}

// Keyed by the client's Repo (public as `client.repo`), so the Client facade needs no new member.
const registry = new WeakMap<Repo, NetworkDiagnostics>()

/**
 * Called once by the client's network for its Repo.
 *
 * @example registerNetworkDiagnostics(repo, { peers: () => ..., refusals: () => log.list() })
 */
export function registerNetworkDiagnostics(repo: Repo, diagnostics: NetworkDiagnostics): void {
  registry.set(repo, diagnostics)
}

/**
 * The diagnostics of the client that owns `repo`, or undefined for a Repo no client made.
 *
 * @example networkDiagnostics(client.repo)?.peers()
 */
export function networkDiagnostics(repo: Repo): NetworkDiagnostics | undefined {
  return registry.get(repo)
}
