import type { Client } from '../core/index.ts'
import { DirectNetworkAdapter } from './DirectNetworkAdapter.ts'

/** A link made by {@link linkClients}. */
export interface ClientLink {
  /** Takes the link down, as a lost connection would; writes go on locally on both sides. */
  cut(): void
  /** Brings a new link up; both sides merge what they wrote meanwhile. */
  restore(): void
}

/**
 * Links two clients in-process, so an app's own tests can replicate spaces without a signaling
 * server or WebRTC. Links carry no session layer: like tabs of one device, linked clients are
 * trusted by each other's access control, so use it for tests, never between real users.
 *
 * @example
 * const link = linkClients(alice, bob)
 * link.cut()     // offline
 * link.restore() // back online: offline edits merge
 */
export function linkClients(a: Client, b: Client): ClientLink {
  let ends: [DirectNetworkAdapter, DirectNetworkAdapter] | null = null
  const up = () => {
    if (ends) return
    ends = DirectNetworkAdapter.pair()
    a.addNetworkAdapter(ends[0])
    b.addNetworkAdapter(ends[1])
  }
  up()
  return {
    cut() {
      if (!ends) return
      a.removeNetworkAdapter(ends[0])
      b.removeNetworkAdapter(ends[1])
      ends[0].disconnect()
      ends[1].disconnect()
      ends = null
    },
    restore: up,
  }
}
