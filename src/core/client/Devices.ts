import * as A from '@automerge/automerge'
import type { DocHandle, Repo } from '@automerge/automerge-repo'
import nacl from 'tweetnacl'
import { Halo, parseCredential, signCredential, verifySignature, type Device, type HaloDoc, type IdentityRecord, type Revocations } from '../identity/index.ts'
import { DISPLAY_TEXT_RAW_MAX, displayText, type GuestInfo, type GuestProof } from '../invitations/index.ts'
import { EchoError, fromHex, toHex } from '../shared/index.ts'
import { findDocument } from './findDocument.ts'
import type { LocalRecordStore } from './LocalRecord.ts'
import type { SpaceRegistry } from './SpaceRegistry.ts'

/** What device management works with. */
export interface DevicesContext {
  repo: Repo
  record: LocalRecordStore
  spaces: SpaceRegistry
  revocations: Revocations
  closed: AbortSignal
  /** The device list (or the HALO's spaces) changed. */
  changed(): void
  failed(error: unknown): void
  /** Commits and flushes every document (revocations must be durable before we report them). */
  flush(): Promise<void>
}

/**
 * The devices of this identity, kept in its HALO document (synced between its devices): who
 * they are, which were revoked, and which spaces the identity has, so that a newly linked
 * device opens them all. The device holding the identity key invites and revokes devices.
 *
 * @example await devices.revoke(lostPhoneKey)
 */
export class Devices {
  readonly #context: DevicesContext
  #halo: Halo | undefined
  #pending: { deviceKey: string; deviceSecretKey: string } | undefined
  #off: (() => void) | undefined
  #alone: readonly Device[] = []

  constructor(context: DevicesContext) {
    this.#context = context
  }

  /** The HALO once loaded. */
  get halo(): Halo | undefined {
    return this.#halo
  }

  /** Devices of this identity (this one first); before the HALO loads, this device alone. */
  list(identity: IdentityRecord | undefined): readonly Device[] {
    if (this.#halo) return this.#halo.devices
    if (!identity) return []
    // Same array for the same device, so the client's snapshot changes only with the content.
    if (this.#alone[0]?.deviceKey !== identity.deviceKey) this.#alone = Object.freeze([Object.freeze({ deviceKey: identity.deviceKey, current: true })])
    return this.#alone
  }

  /** Creates the HALO document of a new identity (this device listed). */
  create(identity: IdentityRecord): DocHandle<HaloDoc> {
    return this.#context.repo.create<HaloDoc>({
      identityKey: new A.ImmutableString(identity.identityKey),
      devices: { [identity.deviceKey]: new A.ImmutableString(JSON.stringify(identity.deviceCredential)) },
      revocations: {},
      spaces: {},
    })
  }

  /** Loads the HALO named in the local record (from storage or another device). */
  load(): void {
    const id = this.#context.record.value.identity?.haloDocId
    if (!id) return
    findDocument<HaloDoc>(this.#context.repo, id, this.#context.closed).then((h) => h && this.attach(h), this.#context.failed)
  }

  /** Starts following a loaded HALO document. */
  attach(handle: DocHandle<HaloDoc>): void {
    const identity = this.#context.record.value.identity
    if (!identity || this.#halo || this.#context.closed.aborted) return
    const halo = new Halo(handle, identity.identityKey, identity.deviceKey)
    this.#halo = halo
    const sync = () => {
      // The HALO's revocations are this identity's own (Halo verifies them with its identity key).
      for (const deviceKey of halo.revoked) this.#context.revocations.learnOwner(deviceKey, identity.identityKey)
      this.#context.revocations.add([...halo.revoked].map((deviceKey) => ({ deviceKey, identityKey: identity.identityKey })))
      // Spaces other devices of this identity have: open them here too.
      for (const [id, address] of Object.entries(halo.spaces)) {
        if (!this.#context.spaces.get(id)) this.#context.spaces.open(address, { timeout: 0, personal: true }).catch(this.#context.failed)
      }
      for (const space of this.#context.spaces.list) if (!(space.id in halo.spaces) && space.status === 'ready') halo.addSpace(space.id, space.address)
      this.#context.changed()
    }
    this.#off = halo.subscribe(sync)
    sync()
  }

  /** Signs a new device into the identity; returns what the new device needs. */
  async admit(guest: GuestInfo): Promise<Record<string, unknown>> {
    const identity = this.#context.record.value.identity!
    const signer = { publicKey: identity.identityKey, secretKey: fromHex(identity.identitySecretKey!)!, issuer: identity.identityKey }
    const credential = signCredential({ kind: 'device', subject: guest.deviceKey, identityKey: identity.identityKey, displayName: guest.displayName }, signer)
    this.#halo?.addDevice(credential)
    await this.#context.flush()
    return {
      identityKey: identity.identityKey,
      displayName: identity.displayName,
      deviceCredential: credential,
      haloDocId: identity.haloDocId,
      personalSpaceId: this.#context.spaces.list.find((s) => s.personal)?.id,
      spaces: this.#context.spaces.list.map((s) => s.address),
    }
  }

  /** Revokes a device of this identity in the HALO and in every loaded space. */
  async revoke(deviceKey: string): Promise<void> {
    const identity = this.#context.record.value.identity
    if (!identity) throw new EchoError('NO_IDENTITY', 'create an identity first')
    if (!identity.identitySecretKey) throw new EchoError('FORBIDDEN', 'only the device that created the identity can revoke devices')
    if (deviceKey === identity.deviceKey) throw new EchoError('INVALID_VALUE', 'a device cannot revoke itself')
    if (!this.list(identity).some((d) => d.deviceKey === deviceKey)) throw new EchoError('NOT_FOUND', `no device ${String(deviceKey).slice(0, 8)}… in this identity`)
    const signer = { publicKey: identity.identityKey, secretKey: fromHex(identity.identitySecretKey)!, issuer: identity.identityKey }
    this.#halo?.addRevocation(signCredential({ kind: 'device-revoked', subject: deviceKey, identityKey: identity.identityKey }, signer))
    // Every space learns it too, so peers that never see our HALO refuse the device as well.
    for (const control of this.#context.spaces.controls()) {
      if (control.space.status !== 'ready') continue
      control.addCredential(signCredential({ kind: 'device-revoked', spaceId: control.space.id, subject: deviceKey, identityKey: identity.identityKey, parents: control.credentialHeads() }, signer))
    }
    await this.#context.flush()
  }

  /**
   * The new device's side of a device invitation: a fresh device key to be signed, with the
   * name the user gave this device (one line, cut to the length the host keeps).
   */
  prepareGuest(deviceName?: string): GuestProof {
    // Cut here, not refused: the host refuses over-long names, and this one is the user's own.
    const displayName = displayText(typeof deviceName === 'string' ? deviceName.slice(0, DISPLAY_TEXT_RAW_MAX) : undefined)
    if (this.#context.record.value.identity) throw new EchoError('IDENTITY_EXISTS', 'this client already has an identity; a device invitation is for a new device')
    const keys = nacl.sign.keyPair()
    this.#pending = { deviceKey: toHex(keys.publicKey), deviceSecretKey: toHex(keys.secretKey) }
    return { info: { deviceKey: this.#pending.deviceKey, ...(displayName ? { displayName } : {}) }, sign: (message) => nacl.sign.detached(message, keys.secretKey) }
  }

  /** Applies the host's answer: this device becomes a device of the identity and opens its spaces. */
  async completeJoin(result: Record<string, unknown>): Promise<void> {
    const pending = this.#pending
    const credential = parseCredential(result.deviceCredential)
    const identityKey = result.identityKey
    if (
      !pending ||
      !credential ||
      typeof identityKey !== 'string' ||
      credential.kind !== 'device' ||
      credential.subject !== pending.deviceKey ||
      credential.identityKey !== identityKey ||
      credential.issuer !== identityKey ||
      credential.signer !== identityKey ||
      !verifySignature(credential)
    ) {
      throw new EchoError('INVALID_INVITATION', 'the host sent a device credential that does not verify')
    }
    const haloDocId = typeof result.haloDocId === 'string' ? result.haloDocId : undefined
    const identity: IdentityRecord = {
      identityKey,
      deviceKey: pending.deviceKey,
      deviceSecretKey: pending.deviceSecretKey,
      displayName: typeof result.displayName === 'string' ? result.displayName.slice(0, 200) : 'Me',
      deviceCredential: credential,
      ...(haloDocId ? { haloDocId } : {}),
      ...(typeof result.personalSpaceId === 'string' && /^[0-9a-f]{64}$/.test(result.personalSpaceId) ? { personalSpaceId: result.personalSpaceId } : {}),
    }
    this.#pending = undefined
    await this.#context.record.update((r) => ({ ...r, identity }))
    this.#context.changed()
    this.load()
    const addresses = Array.isArray(result.spaces) ? result.spaces.filter((a): a is string => typeof a === 'string') : []
    for (const address of addresses) {
      // A malformed address from the host is counted and skipped; the other spaces still open.
      await this.#context.spaces.open(address, { timeout: 0, personal: true }).catch(this.#context.failed)
    }
  }

  /** Stops following the HALO. */
  close(): void {
    this.#off?.()
    this.#halo?.close()
  }
}
