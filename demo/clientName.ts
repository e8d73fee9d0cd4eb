// Which echo-kit client this tab runs: `?name=alice` picks the client name (its own IndexedDB
// database and BroadcastChannel), so two tabs or browser contexts can be two different peers.
const NAME = /^[\w.-]{1,64}$/

const requested = new URLSearchParams(globalThis.location?.search ?? '').get('name')

/** The `?name=` parameter when it is a valid client name, else null. */
export const peerName: string | null = requested && NAME.test(requested) ? requested : null

if (requested && !peerName) {
  console.warn(`echo-kit demo: ignoring ?name=${requested} (use 1-64 letters, digits, _ . -)`)
}

/** The client name: `?name=` or 'demo'. */
export const clientName: string = peerName ?? 'demo'

/** A friendly default display name from `?name=` ("alice" -> "Alice"). */
export const suggestedDisplayName: string = peerName ? peerName.charAt(0).toUpperCase() + peerName.slice(1) : ''
