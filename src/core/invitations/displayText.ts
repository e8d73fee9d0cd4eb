// Names that cross an invitation (the new device's name, the host's name and the space's name)
// come from the other side: authenticated by the sealed channel, but still only claims. They are
// shown in dialogs and lists, so they are cut to plain one-line text of a bounded length here,
// before anything stores or shows them.

/** Longest display text accepted from the other side of an invitation, in code points. */
export const DISPLAY_TEXT_MAX = 64

/** Longest raw string looked at; a longer one is refused, not cut (an honest peer never sends it). */
export const DISPLAY_TEXT_RAW_MAX = 200

// C0/C1 controls and DEL, line and paragraph separators, and the bidirectional controls that
// could make a name read backwards or reorder the sentence around it ("Ada invited you to …").
const UNSAFE = /[\p{Cc}\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu

/**
 * `value` as one line of display text: controls and bidi overrides removed, runs of whitespace
 * made one space, trimmed, and at most `max` code points (a surrogate pair is never split).
 * Undefined for a non-string, a string longer than {@link DISPLAY_TEXT_RAW_MAX}, or nothing left.
 *
 * @example displayText('  Ada\u202e\n Lovelace ') // 'Ada Lovelace'
 */
export function displayText(value: unknown, max = DISPLAY_TEXT_MAX): string | undefined {
  if (typeof value !== 'string' || value.length > DISPLAY_TEXT_RAW_MAX) return undefined
  const text = value.replace(UNSAFE, ' ').replace(/\s+/gu, ' ').trim()
  if (!text) return undefined
  const points = Array.from(text)
  return points.length > max ? points.slice(0, max).join('').trimEnd() : text
}
