// How long to wait before trying again. Both formulas grow exponentially up to a cap and
// add jitter, so that many clients (or two peers) that failed at the same moment do not all
// come back at the same instant.

/**
 * Delay before reconnect attempt `attempt` (0-based) to a signaling server: exponential
 * from `minMs` up to `maxMs`, with "equal jitter" (half fixed, half random), so a server
 * restart is not met by every client at the same instant.
 *
 * @example setTimeout(reconnect, backoff(attempt++, 500, 30_000))
 */
export function backoff(attempt: number, minMs: number, maxMs: number): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 30))
  return Math.round(base / 2 + randomUnit() * (base / 2))
}

/**
 * Delay before redial attempt `attempt` (0-based) to a lost peer: exponential from `baseMs`
 * up to `maxMs`, times 0.75..1.25, so two peers that lost each other at the same moment do
 * not redial in lockstep.
 *
 * @example setTimeout(dial, redialDelay(remote.attempt++, 250, 30_000))
 */
export function redialDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** attempt) * (0.75 + Math.random() * 0.5)
}

function randomUnit(): number {
  const buf = new Uint32Array(1)
  globalThis.crypto.getRandomValues(buf)
  return buf[0]! / 2 ** 32
}
