import type { Repo } from '@automerge/automerge-repo'
import type { RefusedMessage } from './RefusalLog.ts'

/** Read-only views of a client's network, for devtools (`echo-kit/devtools`' inspectClient). */
export interface NetworkDiagnostics {
  /** Who a peer proved to be in its session; undefined for local links (tabs, in-process) and unknown peers. */
  identityOf(peerId: string): { identityKey: string; deviceKey: string } | undefined
  /** The most recent messages dropped by the inbound gate, oldest first. */
  refusals(): RefusedMessage[]
}

// Keyed by the client's Repo (public as `client.repo`), so the Client facade needs no new member.
const registry = new WeakMap<Repo, NetworkDiagnostics>()

/**
 * Called once by the client's network for its Repo.
 *
 * @example registerNetworkDiagnostics(repo, { identityOf: (id) => ..., refusals: () => log.list() })
 */
export function registerNetworkDiagnostics(repo: Repo, diagnostics: NetworkDiagnostics): void {
  registry.set(repo, diagnostics)
}

/**
 * The diagnostics of the client that owns `repo`, or undefined for a Repo no client made.
 *
 * @example networkDiagnostics(client.repo)?.refusals()
 */
export function networkDiagnostics(repo: Repo): NetworkDiagnostics | undefined {
  return registry.get(repo)
}
