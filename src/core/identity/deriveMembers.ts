import { credentialHash, isValidRevocation, verifyIssuer, verifySignature, type Credential, type Role } from './credentials.ts'

/** A member of a space, as derived from its verified credentials. */
export interface Member {
  identityKey: string
  role: Role
  displayName?: string
}

/** Roles by strength: a lower rank is a stronger role. */
export const RANK: Record<Role, number> = { owner: 0, admin: 1, editor: 2, reader: 3 }

/** Who holds which role at one causal position of the credential DAG. */
interface State {
  roles: Map<string, Role>
  names: Map<string, string | undefined>
}

/**
 * Derives a space's members from its credentials, by causal position in their hash-linked
 * DAG (each credential names the hashes of the credentials it builds on), never by
 * `issuedAt`. Rules:
 * - the genesis (signed by the space key, which is the space id) makes its subject owner and
 *   creator; only credentials that descend from it count, and only once all their ancestors
 *   are known;
 * - a credential counts when its issuer, in the state of the credential's own causal past,
 *   was an owner or admin; nobody grants a role above their own, and nobody changes or
 *   removes a member whose role is above their own (so owners are removed only by owners);
 *   the creator is never removed or demoted; a member re-admitted after removal is a member;
 * - a removal wins over concurrent acts of the removed member: every credential the removed
 *   identity issued that is neither before nor after the removal does not count (two
 *   concurrent removals of each other cancel out);
 * - a credential signed by a device counts only when no revocation of that device by its own
 *   identity is in its past or concurrent with it (signatures made before the revocation stand).
 * Anything that does not verify is ignored. The result depends only on the set of
 * credentials, not on the order they arrived in.
 *
 * @example const members = deriveMembers(spaceId, credentials)
 */
export function deriveMembers(spaceId: string, credentials: Iterable<Credential>): Member[] {
  const all = [...credentials].filter((c) => c.spaceId === spaceId)
  const genesis = all
    .filter((c) => c.kind === 'space-genesis' && c.issuer === spaceId && c.signer === spaceId && verifySignature(c))
    .sort((a, b) => a.id.localeCompare(b.id))[0]
  if (!genesis) return []
  const creator = genesis.subject
  const graph = new Graph(all)
  const rootHash = credentialHash(genesis)
  const revocations = all.filter(isValidRevocation).map((r) => ({ r, past: graph.ancestors(credentialHash(r)) ?? new Set<string>() }))

  // Membership facts that descend from the genesis, in a deterministic topological order
  // (fewer ancestors first: a parent always has fewer than its child; ties by hash).
  const facts: { hash: string; c: Credential; past: Set<string> }[] = []
  for (const c of all) {
    if (c.kind !== 'member' && c.kind !== 'member-removed') continue
    const hash = credentialHash(c)
    const past = graph.ancestors(hash)
    if (!past || !past.has(rootHash)) continue
    if (!verifyIssuer(c)) continue
    // A device signature counts only if no revocation of that device is before or beside it.
    if (c.signer !== c.issuer && revocations.some(({ r, past: rPast }) => r.identityKey === c.issuer && r.subject === c.signer && !rPast.has(hash))) continue
    facts.push({ hash, c, past })
  }
  facts.sort((a, b) => a.past.size - b.past.size || (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0))

  const start = (): State => ({ roles: new Map([[creator, 'owner']]), names: new Map([[creator, genesis.displayName]]) })
  const voided = new Set<string>()
  let valid = new Set<string>()
  // Passes until the set of voided credentials stops growing (it only grows, so this ends).
  for (let pass = 0; pass <= facts.length; pass++) {
    valid = new Set()
    for (const fact of facts) {
      if (voided.has(fact.hash)) continue
      const state = start()
      for (const earlier of facts) if (valid.has(earlier.hash) && fact.past.has(earlier.hash)) apply(state, earlier.c, creator)
      if (apply(state, fact.c, creator)) valid.add(fact.hash)
    }
    const before = voided.size
    for (const removal of facts) {
      if (removal.c.kind !== 'member-removed' || !valid.has(removal.hash)) continue
      for (const act of facts) {
        if (act === removal || act.c.issuer !== removal.c.subject || !valid.has(act.hash)) continue
        if (!removal.past.has(act.hash) && !act.past.has(removal.hash)) voided.add(act.hash)
      }
    }
    if (voided.size === before) break
  }
  const state = start()
  for (const fact of facts) if (valid.has(fact.hash)) apply(state, fact.c, creator)
  return [...state.roles]
    .map(([identityKey, role]) => ({ identityKey, role, displayName: state.names.get(identityKey) }))
    .sort((a, b) => RANK[a.role] - RANK[b.role] || a.identityKey.localeCompare(b.identityKey))
}

/**
 * The heads of a space's credential DAG: hashes of the credentials no other credential builds
 * on. A new credential names these as its `parents`.
 *
 * @example signCredential({ kind: 'member', spaceId, subject, role, parents: credentialHeads(known) }, signer)
 */
export function credentialHeads(credentials: Iterable<Credential>): string[] {
  const all = [...credentials].filter((c) => c.kind !== 'device')
  const graph = new Graph(all)
  const hashes = new Set<string>()
  const referenced = new Set<string>()
  for (const c of all) {
    const hash = credentialHash(c)
    // Only credentials whose whole past is known: building on one that names a missing parent
    // would leave the new credential incomplete too (a member could stall everyone's credentials).
    if (!graph.ancestors(hash)) continue
    hashes.add(hash)
    for (const p of c.parents ?? []) referenced.add(p)
  }
  return [...hashes].filter((h) => !referenced.has(h)).sort().slice(0, 64)
}

/** Applies one membership fact to `state` if its issuer may make it there; false if not. */
function apply(state: State, c: Credential, creator: string): boolean {
  const issuerRole = state.roles.get(c.issuer)
  if (issuerRole !== 'owner' && issuerRole !== 'admin') return false
  const current = state.roles.get(c.subject)
  // Nobody changes or removes a member above their own role.
  if (current && RANK[current] < RANK[issuerRole]) return false
  if (c.kind === 'member-removed') {
    if (c.subject === creator) return false
    state.roles.delete(c.subject)
    return true
  }
  if (!c.role) return false
  if (c.subject === creator) return c.role === 'owner'
  // Nobody grants more than they have.
  const role = RANK[c.role] < RANK[issuerRole] ? issuerRole : c.role
  state.roles.set(c.subject, role)
  state.names.set(c.subject, c.displayName ?? state.names.get(c.subject))
  return true
}

/** Credentials by hash, with their (memoised) causal past. */
class Graph {
  readonly #byHash = new Map<string, Credential>()
  readonly #past = new Map<string, Set<string> | null>()

  constructor(credentials: Credential[]) {
    for (const c of credentials) this.#byHash.set(credentialHash(c), c)
  }

  /** Hashes of every credential before `hash`; null when one of them is not known (yet). */
  ancestors(hash: string): Set<string> | null {
    if (this.#past.has(hash)) return this.#past.get(hash)!
    // Marked unknown while being computed: a cycle (impossible with real hashes) reads as incomplete.
    this.#past.set(hash, null)
    const c = this.#byHash.get(hash)
    if (!c) return null
    const out = new Set<string>()
    for (const parent of c.parents ?? []) {
      const past = this.#byHash.has(parent) ? this.ancestors(parent) : null
      if (!past) return null
      out.add(parent)
      for (const h of past) out.add(h)
    }
    this.#past.set(hash, out)
    return out
  }
}
