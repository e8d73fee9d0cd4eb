import nacl from 'tweetnacl'
import { signCredential, type Credential, type Signer } from './credentials.ts'
import { fromHex, toHex } from '../shared/index.ts'

/**
 * Who this client is (HALO): a long-lived identity key, this device's key and a display name.
 * Keys are Ed25519 public keys in hex.
 *
 * @example client.identity?.displayName // 'Ada'
 */
export interface Identity {
  readonly identityKey: string
  readonly deviceKey: string
  readonly displayName: string
}

/** What is persisted about the identity on this device (secret keys included); never leaves the engine. */
export interface IdentityRecord {
  identityKey: string
  /** Present on the device that created the identity (it signs device credentials). */
  identitySecretKey?: string
  deviceKey: string
  deviceSecretKey: string
  displayName: string
  deviceCredential: Credential
  /** The identity's HALO document (devices, revocations, spaces), synced between its devices. */
  haloDocId?: string
  /** Id of the identity's personal space (so every device marks it personal). */
  personalSpaceId?: string
}

/** Makes a new identity and device key pair with the device's credential. */
export function generateIdentity(displayName: string): IdentityRecord {
  const identity = nacl.sign.keyPair()
  const device = nacl.sign.keyPair()
  const identityKey = toHex(identity.publicKey)
  const deviceKey = toHex(device.publicKey)
  const deviceCredential = signCredential(
    { kind: 'device', subject: deviceKey, identityKey },
    { publicKey: identityKey, secretKey: identity.secretKey, issuer: identityKey },
  )
  return {
    identityKey,
    identitySecretKey: toHex(identity.secretKey),
    deviceKey,
    deviceSecretKey: toHex(device.secretKey),
    displayName,
    deviceCredential,
  }
}

/** The signer that issues credentials on behalf of the identity from this device. */
export function deviceSigner(record: IdentityRecord): Signer {
  return {
    publicKey: record.deviceKey,
    secretKey: fromHex(record.deviceSecretKey)!,
    issuer: record.identityKey,
    proof: record.deviceCredential,
  }
}
