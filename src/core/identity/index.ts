// src/core/identity: the folder's door; other folders import only from here.
export { Halo } from './Halo.ts'
export type { Device, HaloDoc } from './Halo.ts'
export { deviceSigner, generateIdentity } from './Identity.ts'
export type { Identity, IdentityRecord } from './Identity.ts'
export { deriveMembers, isValidRevocation, parseCredential, revocationKey, signCredential, verifySignature } from './credentials.ts'
export type { Credential, CredentialKind, Member, Role } from './credentials.ts'
export { Revocations } from './Revocations.ts'
export type { Revocation } from './Revocations.ts'
