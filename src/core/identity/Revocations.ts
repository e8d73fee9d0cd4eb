import { Store } from '../shared/index.ts'

/** One verified revocation: `identityKey` (the device's own identity) revoked `deviceKey`. */
export interface Revocation {
  deviceKey: string
  identityKey: string
}

/**
 * Device revocations this client has verified, from every source it reads (its HALO and every
 * space's credentials). Once seen, never forgotten. A revocation counts only for a device of
 * the identity that signed it: a revocation by Eve of "Ada's phone" is kept as "Eve revoked
 * that key", which matters only if that key ever presents itself as Eve's device. One set per
 * client, so checking a peer on every connection is a lookup, not a walk over all spaces.
 *
 * @example if (revocations.has(peer.deviceKey, peer.identityKey)) refuse(peer)
 */
export class Revocations extends Store<{ size: number }> {
  readonly #revokedBy = new Map<string, Set<string>>()
  /** Device -> identity, from device credentials that verified (handshakes, HALO). */
  readonly #owners = new Map<string, string>()
  #size = 0

  constructor() {
    super({ size: 0 })
  }

  /**
   * True when `deviceKey` has been revoked by its own identity: `identityKey` when given (a
   * peer's verified device credential names it), else the identity this client has seen the
   * device prove itself for. A device whose identity is unknown is not (yet) known revoked.
   */
  has(deviceKey: string, identityKey?: string): boolean {
    const owner = identityKey ?? this.#owners.get(deviceKey)
    return owner !== undefined && !!this.#revokedBy.get(deviceKey)?.has(owner)
  }

  /** Records which identity a device belongs to (from a device credential that verified). */
  learnOwner(deviceKey: string, identityKey: string): void {
    if (this.#owners.get(deviceKey) === identityKey) return
    this.#owners.set(deviceKey, identityKey)
    // A known revocation may now apply to a device whose owner we did not know.
    this.set({ size: this.#size })
  }

  /** Records verified revocations (each signed by `identityKey`); listeners hear of new ones. */
  add(revocations: Iterable<Revocation>): void {
    let added = 0
    for (const { deviceKey, identityKey } of revocations) {
      let by = this.#revokedBy.get(deviceKey)
      if (!by) this.#revokedBy.set(deviceKey, (by = new Set()))
      if (!by.has(identityKey)) {
        by.add(identityKey)
        added++
      }
    }
    if (!added) return
    this.#size += added
    this.set({ size: this.#size })
  }
}
