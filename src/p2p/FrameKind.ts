// What travels on a PeerConnection's data channel. Every data-channel message is
// [kind u8][body]:
//   kind 1 (handshake): body is a chunking frame, plain. Used before the session exists.
//   kind 2 (data):      body is cipher.encrypt(chunking frame). The kind stays outside the
//                       cipher so the receiver knows whether to decrypt.
//   kind 3 (ready):     no body. "I accept you and my session is set up". Data flows, and the
//                       owner hears `onReady`, only once both sides said so: a peer that
//                       finishes its handshake first must not pour megabytes of sync into a
//                       side that cannot decrypt them yet, or that is about to refuse it.
//   kind 4 (refused):   no body. "I refuse you; do not call again." Sent before closing, so
//                       the remote can tell a refusal from a network failure.

/**
 * Which stream a message belongs to: the plain handshake before the session, or session data.
 *
 * @example pc.send('handshake', hello)
 */
export type FrameKind = 'handshake' | 'data'

/**
 * The kind byte in front of every data-channel message (see the file comment).
 *
 * @example const wire = new Uint8Array([WIRE_KIND.ready])
 */
export const WIRE_KIND = {
  handshake: 1,
  data: 2,
  ready: 3,
  refused: 4,
} as const
