// Framing for data channels. Browsers only promise ~16 KiB per data-channel message across
// implementations, and one huge send would also sit in front of every small message; so a
// message is cut into frames, each with a small header, and glued back on the other side.
//
// Frame layout (big-endian):
//   u8  version (1)
//   u32 message id   (per sender, wraps; tells a new message from the rest of an old one)
//   u32 offset       (where this payload starts in the message)
//   u32 total        (message length in bytes; the same in every frame of a message)
//   ... payload
// The channel is ordered and reliable, so frames of a message arrive in order and messages
// are not interleaved; anything else means a broken or hostile peer and is dropped.

const VERSION = 1

/** Bytes of header in front of every frame's payload. @example FRAME_HEADER_BYTES // 13 */
export const FRAME_HEADER_BYTES = 13

/**
 * Default largest frame (header included), in bytes.
 *
 * @example frames(1, bytes, DEFAULT_FRAME_BYTES)
 */
export const DEFAULT_FRAME_BYTES = 16 * 1024

/**
 * The frames of one message, produced lazily so a multi-megabyte message is not copied into
 * hundreds of frames at once. Each frame is at most `frameBytes` long; an empty message
 * still yields one frame.
 *
 * @example for (const f of frames(7, new Uint8Array(40_000))) channel.send(f) // 3 frames
 */
export function* frames(
  messageId: number,
  message: Uint8Array,
  frameBytes: number = DEFAULT_FRAME_BYTES,
): Generator<Uint8Array, void, void> {
  const room = frameBytes - FRAME_HEADER_BYTES
  if (!(room > 0)) throw new RangeError(`frameBytes must exceed ${FRAME_HEADER_BYTES}`)
  const total = message.byteLength
  let offset = 0
  do {
    const end = Math.min(total, offset + room)
    const frame = new Uint8Array(FRAME_HEADER_BYTES + end - offset)
    const view = new DataView(frame.buffer)
    view.setUint8(0, VERSION)
    view.setUint32(1, messageId >>> 0)
    view.setUint32(5, offset)
    view.setUint32(9, total)
    frame.set(message.subarray(offset, end), FRAME_HEADER_BYTES)
    yield frame
    offset = end
  } while (offset < total)
}

/**
 * What a {@link Reassembler} has thrown away. Counted, never thrown: a peer sending garbage
 * must not be able to crash the app, but the numbers show up in diagnostics.
 *
 * @example if (r.stats.droppedFrames > 0) console.warn('peer sends garbage', r.stats)
 */
export type ReassemblyStats = {
  /** Frames that were malformed, oversized, out of order or belonged to a dropped message. */
  droppedFrames: number
  /** Messages abandoned part-way (too large, a frame missing or out of order). */
  droppedMessages: number
}

type Partial = { id: number; total: number; received: number; parts: Uint8Array[] }

/**
 * Rebuilds messages from {@link frames}. Memory is bounded by `maxMessageBytes`: it only
 * keeps the one message in progress, and only up to that size.
 *
 * @example
 * const r = new Reassembler({ maxMessageBytes: 1 << 20 })
 * for (const f of frames(1, bytes)) { const m = r.push(f); if (m) handle(m) }
 */
export class Reassembler {
  readonly stats: ReassemblyStats = { droppedFrames: 0, droppedMessages: 0 }
  private readonly maxMessageBytes: number
  private current: Partial | null = null

  constructor(options: { maxMessageBytes: number }) {
    this.maxMessageBytes = options.maxMessageBytes
  }

  /**
   * Takes one frame; returns the whole message when this frame completes one, else null.
   * Never throws.
   *
   * @example const message = reassembler.push(new Uint8Array(event.data))
   */
  push(frame: Uint8Array): Uint8Array | null {
    if (!(frame instanceof Uint8Array) || frame.byteLength < FRAME_HEADER_BYTES) return this.dropFrame()
    const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength)
    if (view.getUint8(0) !== VERSION) return this.dropFrame()
    const id = view.getUint32(1)
    const offset = view.getUint32(5)
    const total = view.getUint32(9)
    const payload = frame.subarray(FRAME_HEADER_BYTES)

    if (offset === 0) {
      // A new message starts: whatever was in progress will never be completed.
      if (this.current) this.abandon()
      if (total > this.maxMessageBytes || payload.byteLength > total) {
        // Its later frames find no message in progress and are dropped one by one.
        this.stats.droppedMessages++
        return this.dropFrame()
      }
      if (payload.byteLength === total) return payload
      this.current = { id, total, received: payload.byteLength, parts: [payload] }
      return null
    }

    const cur = this.current
    if (!cur || cur.id !== id || cur.total !== total || offset !== cur.received || offset + payload.byteLength > total) {
      if (cur?.id === id) this.abandon()
      return this.dropFrame()
    }
    cur.parts.push(payload)
    cur.received += payload.byteLength
    if (cur.received < total) return null
    this.current = null
    const out = new Uint8Array(total)
    let at = 0
    for (const part of cur.parts) {
      out.set(part, at)
      at += part.byteLength
    }
    return out
  }

  /** Forgets any message in progress (e.g. when the channel closes). @example r.reset() */
  reset(): void {
    if (this.current) this.abandon()
  }

  private abandon(): void {
    this.current = null
    this.stats.droppedMessages++
  }

  private dropFrame(): null {
    this.stats.droppedFrames++
    return null
  }
}
