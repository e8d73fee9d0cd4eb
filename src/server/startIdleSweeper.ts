import type { Connection } from './Connection.ts'

// How long an existing holder of a peerId gets to prove it is alive when a duplicate shows up
// (capped at half the idle timeout).
const DUPLICATE_PROBE_MS = 5_000

/**
 * Starts one sweep for all connections instead of a timer each: idle sockets get a ping at half
 * the timeout and are terminated at the full timeout; probed duplicates at their deadline;
 * sockets without a `hello` after `helloTimeoutMs`.
 * Returns the function that stops it. The timer is unref'd, so it never keeps a process alive.
 *
 * @example
 * const stop = startIdleSweeper(connections, 60_000, (conn) => hub.remove(conn), 10_000)
 * // on close:
 * stop()
 */
export function startIdleSweeper(
  connections: ReadonlySet<Connection>,
  idleTimeoutMs: number,
  remove: (conn: Connection) => void,
  helloTimeoutMs = idleTimeoutMs,
): () => void {
  const sweepMs = Math.max(25, Math.min(Math.floor(Math.min(idleTimeoutMs, helloTimeoutMs) / 4), 5_000))
  const sweeper = setInterval(() => {
    const now = Date.now()
    for (const conn of connections) {
      const silent = now - conn.lastSeen
      const probeExpired = conn.probeDeadline !== 0 && now >= conn.probeDeadline
      // Sockets that never prove a key only hold a connection slot: they go early.
      const noHello = conn.peerId === null && now - conn.openedAt >= helloTimeoutMs
      if (silent >= idleTimeoutMs || probeExpired || noHello) {
        conn.ws.terminate()
        remove(conn)
      } else if (silent >= idleTimeoutMs / 2 && now - conn.pingedAt >= idleTimeoutMs / 2) {
        conn.pingedAt = now
        try {
          conn.ws.ping()
        } catch {
          // The socket is closing; its close event cleans up.
        }
      }
    }
  }, sweepMs)
  sweeper.unref()
  return () => clearInterval(sweeper)
}

/**
 * Asks the holder of a duplicated peer id to prove it is alive. The usual duplicate is a
 * client that reconnected before the server noticed its old socket died: the old one gets a
 * ping and a deadline (checked by {@link startIdleSweeper}), so the new one's retry wins if it
 * stays silent. Any frame or pong clears the deadline.
 *
 * @example topics = new TopicRegistry({ …, onDuplicate: (holder, now) => probe(holder, now, idleTimeoutMs) })
 */
export function probe(holder: Connection, now: number, idleTimeoutMs: number): void {
  if (holder.probeDeadline !== 0) return
  holder.probeDeadline = now + Math.min(DUPLICATE_PROBE_MS, idleTimeoutMs / 2)
  try {
    holder.ws.ping()
  } catch {
    // A socket that cannot even be pinged is dead: cut it now rather than wait for the deadline.
    holder.ws.terminate()
  }
}
