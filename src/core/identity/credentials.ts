import nacl from 'tweetnacl'
import { fromHex, toHex, utf8 } from '../shared/index.ts'
import { randomId } from '../shared/index.ts'

/** Roles a member can hold in a space, strongest first. */
export type Role = 'owner' | 'admin' | 'editor' | 'reader'

/** The kinds of signed facts. */
export type CredentialKind = 'space-genesis' | 'member' | 'member-removed' | 'device' | 'device-revoked'

/**
 * A signed fact about who may do what. Stored in a space's control document (and in the
 * identity's records); every peer verifies it itself and ignores what does not verify.
 */
export interface Credential {
  id: string
  kind: CredentialKind
  /** Space id for space facts. */
  spaceId?: string
  /** Identity key (member facts) or device key (device facts), hex. */
  subject: string
  /** For device facts: the identity the device belongs to. */
  identityKey?: string
  role?: Role
  displayName?: string
  /** Who grants: identity key (or the space key for genesis), hex. */
  issuer: string
  /** Key that made the signature: the issuer's key or one of the issuer's devices. */
  signer: string
  /** When signer is a device of issuer: the device credential that proves it. */
  signerProof?: Credential
  /**
   * Hashes ({@link credentialHash}) of the space credentials this one builds on (the heads
   * its signer knew): a hash-linked DAG rooted at the genesis. Validity follows this causal
   * position, never `issuedAt`.
   */
  parents?: string[]
  /** When the signer says it signed; informational only (a signer chooses it freely). */
  issuedAt: number
  signature: string
}

/** The secret part used to sign credentials. */
export interface Signer {
  /** The key the signature verifies with (hex). */
  publicKey: string
  secretKey: Uint8Array
  /** The identity this signer acts for (hex); equals publicKey when signing as the identity. */
  issuer: string
  /** Device credential when signing as a device of `issuer`. */
  proof?: Credential
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) return '[' + value.map(canonical).join(',') + ']'
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort()
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonical((value as Record<string, unknown>)[k])).join(',') + '}'
}

function signingBytes(credential: Omit<Credential, 'signature'> | Credential): Uint8Array {
  const { signature: _ignored, ...rest } = credential as Credential
  return utf8('echo-kit/credential/v1\n' + canonical(rest))
}

/**
 * Signs a new credential.
 *
 * @example
 * const cred = signCredential({ kind: 'member', spaceId, subject: guestKey, role: 'editor' }, signer)
 */
export function signCredential(
  fact: Pick<Credential, 'kind' | 'subject'> & Partial<Pick<Credential, 'spaceId' | 'identityKey' | 'role' | 'displayName' | 'parents'>>,
  signer: Signer,
): Credential {
  const unsigned: Omit<Credential, 'signature'> = {
    id: randomId(),
    ...fact,
    issuer: signer.issuer,
    signer: signer.publicKey,
    ...(signer.proof ? { signerProof: signer.proof } : {}),
    issuedAt: Date.now(),
  }
  const signature = toHex(nacl.sign.detached(signingBytes(unsigned), signer.secretKey))
  return { ...unsigned, signature }
}

const HEX64 = /^[0-9a-f]{64}$/
const KINDS = new Set<CredentialKind>(['space-genesis', 'member', 'member-removed', 'device', 'device-revoked'])
const ROLES = new Set<Role>(['owner', 'admin', 'editor', 'reader'])

/**
 * Parses untrusted input into a credential shape (no signature check). Null when malformed.
 */
export function parseCredential(input: unknown, depth = 0): Credential | null {
  let value = input
  if (typeof value === 'string') {
    if (value.length > 16_384) return null
    try {
      value = JSON.parse(value)
    } catch {
      return null // not JSON: not a credential
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null
  const c = value as Record<string, unknown>
  if (typeof c.id !== 'string' || c.id.length > 64) return null
  if (!KINDS.has(c.kind as CredentialKind)) return null
  if (typeof c.subject !== 'string' || !HEX64.test(c.subject)) return null
  if (typeof c.issuer !== 'string' || !HEX64.test(c.issuer)) return null
  if (typeof c.signer !== 'string' || !HEX64.test(c.signer)) return null
  if (typeof c.signature !== 'string' || !/^[0-9a-f]{128}$/.test(c.signature)) return null
  if (typeof c.issuedAt !== 'number' || !Number.isFinite(c.issuedAt)) return null
  if (c.spaceId !== undefined && (typeof c.spaceId !== 'string' || !HEX64.test(c.spaceId))) return null
  if (c.identityKey !== undefined && (typeof c.identityKey !== 'string' || !HEX64.test(c.identityKey))) return null
  if (c.role !== undefined && !ROLES.has(c.role as Role)) return null
  if (c.displayName !== undefined && (typeof c.displayName !== 'string' || c.displayName.length > 200)) return null
  if (c.parents !== undefined && (!Array.isArray(c.parents) || c.parents.length > 64 || !c.parents.every((p) => typeof p === 'string' && HEX64.test(p)))) return null
  let signerProof: Credential | undefined
  if (c.signerProof !== undefined) {
    if (depth > 0) return null
    const proof = parseCredential(c.signerProof, depth + 1)
    if (!proof) return null
    signerProof = proof
  }
  return { ...(c as unknown as Credential), ...(signerProof ? { signerProof } : {}) }
}

/**
 * The hash a credential is named by in other credentials' `parents`: SHA-512 (first 32 bytes,
 * hex) of its canonical signed form, signature included.
 */
export function credentialHash(credential: Credential): string {
  let hash = hashes.get(credential)
  if (hash === undefined) {
    hash = toHex(nacl.hash(utf8('echo-kit/credential-hash/v1\n' + canonical(credential))).subarray(0, 32))
    hashes.set(credential, hash)
  }
  return hash
}

// Credentials are treated as immutable once parsed or signed, so their hash and signature
// check are remembered per object (membership is derived again on every control change).
const hashes = new WeakMap<Credential, string>()
const verified = new WeakMap<Credential, boolean>()

/** True when the signature is valid for the signer key (no authority check). */
export function verifySignature(credential: Credential): boolean {
  let ok = verified.get(credential)
  if (ok === undefined) {
    ok = checkSignature(credential)
    verified.set(credential, ok)
  }
  return ok
}

function checkSignature(credential: Credential): boolean {
  const key = fromHex(credential.signer)
  const sig = fromHex(credential.signature)
  if (!key || key.length !== 32 || !sig || sig.length !== 64) return false
  try {
    return nacl.sign.detached.verify(signingBytes(credential), sig, key)
  } catch {
    return false // a malformed key or signature verifies nothing
  }
}

/**
 * True for a `device-revoked` credential that counts: signed with the identity key of the
 * identity the device belongs to (`identityKey`), never by a device (a stolen device must not
 * be able to revoke its owner's other devices, and a revoked one must not revoke anything).
 */
export function isValidRevocation(credential: Credential): boolean {
  return (
    credential.kind === 'device-revoked' &&
    !!credential.identityKey &&
    credential.issuer === credential.identityKey &&
    credential.signer === credential.identityKey &&
    verifySignature(credential)
  )
}

/** Key of a (identity, device) pair in a revocation set: `identityKey/deviceKey`. */
export function revocationKey(identityKey: string, deviceKey: string): string {
  return identityKey + '/' + deviceKey
}

/**
 * True when `credential` was signed by its issuer, directly or through a device of the issuer
 * that a valid device credential authorises and that the issuer has not revoked
 * (`revokedDevices` holds {@link revocationKey} pairs).
 */
export function verifyIssuer(credential: Credential, revokedDevices: ReadonlySet<string> = new Set()): boolean {
  if (!verifySignature(credential)) return false
  if (credential.signer === credential.issuer) return true
  const proof = credential.signerProof
  if (!proof) return false
  return (
    proof.kind === 'device' &&
    proof.subject === credential.signer &&
    proof.identityKey === credential.issuer &&
    proof.issuer === credential.issuer &&
    proof.signer === proof.issuer &&
    !revokedDevices.has(revocationKey(credential.issuer, credential.signer)) &&
    verifySignature(proof)
  )
}

