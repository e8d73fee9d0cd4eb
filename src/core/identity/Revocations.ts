import { Store } from '../shared/index.ts'

/**
 * Device keys known to be revoked, from every source this client reads (its HALO and every
 * space's credentials). Once seen, never forgotten. One set per client, so checking a peer on
 * every connection is a lookup, not a walk over all spaces.
 *
 * @example if (revocations.has(peer.deviceKey)) refuse(peer)
 */
export class Revocations extends Store<{ size: number }> {
  readonly #keys = new Set<string>()

  constructor() {
    super({ size: 0 })
  }

  /** True when `deviceKey` has been revoked. */
  has(deviceKey: string): boolean {
    return this.#keys.has(deviceKey)
  }

  /** Records verified revocations; listeners hear of new ones. */
  add(deviceKeys: Iterable<string>): void {
    for (const key of deviceKeys) this.#keys.add(key)
    this.set({ size: this.#keys.size })
  }
}
