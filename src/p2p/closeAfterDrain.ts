// Tearing an RTCPeerConnection down without losing its last words. node-datachannel drops
// whatever is still in a data channel's send buffer when the connection closes, which would
// lose e.g. the last sync message, a handshake reply or a refusal; so a graceful close first
// waits (briefly) for the buffer to go out.

// A graceful close waits this long at most for the channel's buffer to drain.
const CLOSE_DRAIN_MS = 1000
// Polling interval while waiting for the buffer to drain.
const DRAIN_CHECK_MS = 10
// Once the buffer is handed to SCTP, a short grace lets it reach the wire before the teardown.
const WIRE_GRACE_MS = 20

/**
 * Closes `pc` at once. Never throws, so it is safe in teardown paths.
 *
 * @example closeNow(rtcPeerConnection)
 */
export function closeNow(pc: RTCPeerConnection): void {
  try {
    pc.close()
  } catch {
    // A failed connection may already be torn down underneath: nothing is left to close.
  }
}

/**
 * Sends `farewell` (if given) on `channel`, lets the channel's buffer go out (up to 1 s),
 * then closes `pc`. Never throws.
 *
 * @example closeAfterDrain(rtcPeerConnection, dataChannel, new Uint8Array([WIRE_KIND.refused]))
 */
export function closeAfterDrain(pc: RTCPeerConnection, channel: RTCDataChannel, farewell?: Uint8Array<ArrayBuffer>): void {
  try {
    if (farewell) channel.send(farewell)
  } catch {
    // The channel is already closed: nothing more can reach the remote, so close at once.
    return closeNow(pc)
  }
  const deadline = Date.now() + CLOSE_DRAIN_MS
  const waitForDrain = () => {
    let pending = 0
    try {
      pending = channel.readyState === 'open' ? channel.bufferedAmount : 0
    } catch {
      // The channel was torn down underneath: its buffer is gone, so there is nothing to wait for.
      pending = 0
    }
    if (pending > 0 && Date.now() < deadline) setTimeout(waitForDrain, DRAIN_CHECK_MS)
    else setTimeout(() => closeNow(pc), WIRE_GRACE_MS)
  }
  waitForDrain()
}
