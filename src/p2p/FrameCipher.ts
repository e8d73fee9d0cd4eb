// The seam between a PeerConnection and the session layer above it: the connection frames
// and sends bytes, the session decides what those bytes look like on the wire.

/**
 * Wraps and unwraps every data frame after the handshake (e.g. an authenticated cipher).
 * `decrypt` returns null for a frame that fails authentication; the connection is then closed.
 *
 * @example const identity: FrameCipher = { encrypt: (b) => b, decrypt: (b) => b }
 */
export type FrameCipher = {
  encrypt(plain: Uint8Array): Uint8Array
  decrypt(sealed: Uint8Array): Uint8Array | null
}
