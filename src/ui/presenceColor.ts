/** How many presence colours the stylesheet defines (`--echo-presence-0` … `--echo-presence-7`). */
export const PRESENCE_COLOR_COUNT = 8

/**
 * A stable colour slot for a member (0-7): the same identity gets the same slot on every peer.
 * Parts carry it as `data-color`; `echo-kit/styles.css` maps it to `--echo-presence-color`.
 *
 * @example <span data-color={presenceColor(peer.identityKey)} />
 */
export function presenceColor(identityKey: string): number {
  // FNV-1a, then a final mix (MurmurHash3's) so every bit of the key reaches the low bits.
  let hash = 0x811c9dc5
  for (let i = 0; i < identityKey.length; i++) hash = Math.imul(hash ^ identityKey.charCodeAt(i), 0x01000193)
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b)
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35)
  return ((hash ^ (hash >>> 16)) >>> 0) % PRESENCE_COLOR_COUNT
}

/**
 * Up to two initials of a name ('Ada Lovelace' -> 'AL', 'bob' -> 'B'), or '?' for none.
 *
 * @example initialsOf('Grace Hopper') // 'GH'
 */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  if (!words.length) return '?'
  const first = [...words[0]!][0] ?? ''
  const last = words.length > 1 ? ([...words[words.length - 1]!][0] ?? '') : ''
  return (first + last).toUpperCase()
}
