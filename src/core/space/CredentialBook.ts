import * as A from '@automerge/automerge'
import { credentialHeads, deriveMembers, deviceSigner, isValidRevocation, parseCredential, RANK, type Credential, type IdentityRecord, type Member, type Revocation, type Revocations, type Role } from '../identity/index.ts'
import { EchoError } from '../shared/index.ts'
import type { ControlDoc } from './SpaceContext.ts'

/**
 * The signed credentials of one space as read from its control document, and what they prove:
 * its members (verified by deriveMembers on every read) and device revocations. Malformed
 * credentials from a peer are ignored here; verification happens in deriveMembers.
 *
 * @example
 * const book = new CredentialBook(spaceId, revocations)
 * const members = book.read(control.doc()) // undefined when the members did not change
 */
export class CredentialBook {
  readonly #spaceId: string
  readonly #revocations: Revocations
  readonly #credentials = new Map<string, Credential>()
  #membersKey = '[]'

  constructor(spaceId: string, revocations: Revocations) {
    this.#spaceId = spaceId
    this.#revocations = revocations
  }

  /** Reads credentials new in `doc`; returns the verified members when they changed. */
  read(doc: A.Doc<ControlDoc> | undefined): Member[] | undefined {
    const raw = doc?.credentials
    if (raw && typeof raw === 'object') {
      for (const key of Object.keys(raw)) {
        if (this.#credentials.has(key)) continue
        const value = raw[key]
        const text = A.isImmutableString(value) ? (value as A.ImmutableString).val : typeof value === 'string' ? value : undefined
        const credential = text !== undefined ? parseCredential(text) : null
        if (credential && credential.id === key) this.#credentials.set(key, credential)
      }
    }
    const revoked: Revocation[] = []
    for (const c of this.#credentials.values()) {
      // Counted only for a device of the identity that signed it (see Revocations).
      if (isValidRevocation(c)) revoked.push({ deviceKey: c.subject, identityKey: c.identityKey! })
    }
    if (revoked.length) this.#revocations.add(revoked)
    const members = deriveMembers(this.#spaceId, this.#credentials.values())
    const key = JSON.stringify(members)
    if (key === this.#membersKey) return undefined
    this.#membersKey = key
    return members
  }

  /** Heads of the credential DAG: what a new credential builds on. */
  heads(): string[] {
    return credentialHeads(this.#credentials.values())
  }

  /** The signer of a membership change by this identity: owners and admins only. */
  signer(members: readonly Member[], record: IdentityRecord | undefined): ReturnType<typeof deviceSigner> {
    if (!record) throw new EchoError('NO_IDENTITY', 'create an identity first: await client.createIdentity({ displayName })')
    const me = members.find((m) => m.identityKey === record.identityKey)
    if (!me) throw new EchoError('NOT_A_MEMBER', 'this identity is not a member of the space')
    if (me.role !== 'owner' && me.role !== 'admin') {
      throw new EchoError('FORBIDDEN', `only owners and admins can change membership (you are ${me.role})`)
    }
    return deviceSigner(record)
  }

  /**
   * The local side of the authority rules every peer applies (deriveMembers): may member `me`
   * change `target` (to `role`)? Throws FORBIDDEN when not.
   */
  assertMayChange(members: readonly Member[], me: string, target: Member | undefined, role?: Role): void {
    const mine = members.find((m) => m.identityKey === me)!.role
    const genesis = [...this.#credentials.values()].find((c) => c.kind === 'space-genesis')
    if (target && genesis?.subject === target.identityKey && role !== 'owner') {
      throw new EchoError('FORBIDDEN', "the space's creator cannot be removed or demoted (it stays owner)")
    }
    if (target && RANK[target.role] < RANK[mine]) throw new EchoError('FORBIDDEN', `a ${mine} cannot change or remove a ${target.role}`)
    if (role && RANK[role] < RANK[mine]) throw new EchoError('FORBIDDEN', `a ${mine} cannot grant the role ${role}`)
  }
}
