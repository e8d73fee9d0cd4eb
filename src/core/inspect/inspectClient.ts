import * as A from '@automerge/automerge'
import type { DocumentId } from '@automerge/automerge-repo'
import type { Client, ClientStats } from '../client/index.ts'
import { liveQueriesOf, recentInvalidValuesOf, type DatabaseStats, type InvalidValueNote, type LiveQueryInfo } from '../data/index.ts'
import { credentialHash, parseCredential, type Credential } from '../identity/index.ts'
import { networkDiagnostics, type RefusedMessage } from '../network/index.ts'
import { decodeSpaceAddress, type ControlDoc, type Space } from '../space/index.ts'
import { PeerTraffic, type PeerTrafficEntry } from './PeerTraffic.ts'

/** A peer as diagnostics show it: its traffic plus who it proved to be (when it had a session). */
export interface PeerDiagnostics extends PeerTrafficEntry {
  /** Identity and device of a peer that proved itself in a session; undefined for local links (tabs, in-process). */
  readonly identityKey: string | undefined
  readonly deviceKey: string | undefined
}

/** One credential of a space's chain, as devtools list it. */
export interface CredentialInfo {
  /** Hash that children name in their `parents`. */
  readonly hash: string
  readonly kind: Credential['kind']
  /** Identity key (member facts) or device key (device facts). */
  readonly subject: string
  readonly role: Credential['role']
  readonly displayName: string | undefined
  /** Who granted it (identity key; the space key for the genesis). */
  readonly issuer: string
  /** Hashes of the credentials it builds on. */
  readonly parents: readonly string[]
  /** When the signer says it signed (informational only). */
  readonly issuedAt: number
}

/** A read-only look into one space. */
export interface SpaceInspection {
  /** Credentials in causal order (parents before children; ties by claimed time). */
  credentials(): CredentialInfo[]
  /** Queries subscribed now, with their listener counts. */
  liveQueries(): LiveQueryInfo[]
  /** The database's counters (invalid remote values, dropped writes, ...). */
  stats(): DatabaseStats
  /** The last 50 invalid values peers wrote that were left out, with the object that held them. */
  recentInvalidValues(): InvalidValueNote[]
}

/** A read-only look into a client, for devtools. Nothing here changes anything. */
export interface ClientInspection {
  /**
   * Peers seen (connected first) with bytes and messages in and out and who they proved to be.
   * Traffic is counted from the first `inspectClient` call for this client on.
   */
  peers(): PeerDiagnostics[]
  /** The most recent messages the inbound gate refused, with reasons, oldest first. */
  refusals(): RefusedMessage[]
  /** The client's counters (refused messages, denied requests, background failures). */
  stats(): ClientStats
  space(space: Space): SpaceInspection
}

/**
 * Read-only diagnostics of a client: peers and their traffic, refused messages, live queries,
 * credential chains. What `<EchoDevtools />` shows; usable without React too. Hands out no
 * control: every write still goes through the public API and its role checks.
 *
 * @example
 * const look = inspectClient(client)
 * console.table(look.peers())
 */
export function inspectClient(client: Client): ClientInspection {
  const network = () => networkDiagnostics(client.repo)
  const traffic = trafficOf(client)
  return {
    peers: () =>
      traffic.list().map((p) => {
        const id = network()?.identityOf(p.peerId)
        if (id) traffic.prove(p.peerId, id)
        const proven = traffic.proven(p.peerId)
        return { ...p, identityKey: proven?.identityKey, deviceKey: proven?.deviceKey }
      }),
    refusals: () => network()?.refusals() ?? [],
    stats: () => client.stats(),
    space: (space) => ({
      credentials: () => credentialsOf(client, space),
      liveQueries: () => (space.status === 'closed' ? [] : liveQueriesOf(space.db)),
      stats: () => space.db.stats(),
      recentInvalidValues: () => (space.status === 'closed' ? [] : recentInvalidValuesOf(space.db)),
    }),
  }
}

const traffics = new WeakMap<Client, PeerTraffic>()

/** One counter per client, started on first inspection and stopped when the client closes. */
function trafficOf(client: Client): PeerTraffic {
  let traffic = traffics.get(client)
  if (!traffic) {
    const made = new PeerTraffic(client.repo)
    traffics.set(client, (traffic = made))
    const off = client.subscribe(() => {
      if (client.status !== 'closed') return
      made.close()
      off()
    })
  }
  return traffic
}

function credentialsOf(client: Client, space: Space): CredentialInfo[] {
  const { controlDocId } = decodeSpaceAddress(space.address)
  const handle = client.repo.handles[controlDocId as DocumentId]
  const raw = handle?.isReady() ? (handle.doc() as A.Doc<ControlDoc> | undefined)?.credentials : undefined
  if (!raw || typeof raw !== 'object') return []
  const found: Credential[] = []
  for (const key of Object.keys(raw)) {
    const value = raw[key]
    const text = A.isImmutableString(value) ? (value as A.ImmutableString).val : typeof value === 'string' ? value : undefined
    // What does not parse is not a credential (every peer ignores it too): nothing to list.
    const credential = text === undefined ? null : parseCredential(text)
    if (credential && credential.id === key) found.push(credential)
  }
  return causalOrder(found).map((c) => ({
    hash: credentialHash(c),
    kind: c.kind,
    subject: c.subject,
    role: c.role,
    displayName: c.displayName,
    issuer: c.issuer,
    parents: c.parents ?? [],
    issuedAt: c.issuedAt,
  }))
}

/** Parents first (Kahn's algorithm over the hash links); among ready ones, by claimed time then id. */
function causalOrder(credentials: Credential[]): Credential[] {
  const byHash = new Map(credentials.map((c) => [credentialHash(c), c]))
  const done = new Set<string>()
  const out: Credential[] = []
  const rest = credentials.slice().sort((a, b) => a.issuedAt - b.issuedAt || (a.id < b.id ? -1 : 1))
  while (rest.length) {
    const i = rest.findIndex((c) => (c.parents ?? []).every((p) => done.has(p) || !byHash.has(p)))
    // A cycle cannot be signed, but a peer can write anything: list the remainder as it is.
    const next = rest.splice(i === -1 ? 0 : i, 1)[0]!
    done.add(credentialHash(next))
    out.push(next)
  }
  return out
}
