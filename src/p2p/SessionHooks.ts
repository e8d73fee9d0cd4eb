// The adapter's session port: how a session layer (deviceSession, helloSession) plugs into
// WebRTCNetworkAdapter. When a data channel opens, the hook runs a handshake over it and
// says who the remote is and how every later frame is protected; only then does the Repo
// hear of the peer.
import type { PeerId, PeerMetadata } from '@automerge/automerge-repo/slim'
import type { FrameCipher } from './FrameCipher.ts'

/**
 * The raw channel a {@link SessionHooks} handshake talks over, before the session exists.
 * Messages are plain bytes (chunked, so any size up to 64 KiB), delivered in order.
 *
 * @example
 * channel.send(myHello)
 * const theirHello = await channel.receive(5000)
 */
export interface HandshakeChannel {
  send(bytes: Uint8Array): void
  /** The next handshake message; rejects on close or after `timeoutMs` (default 10 s). */
  receive(timeoutMs?: number): Promise<Uint8Array>
}

/**
 * What a handshake knows about the connection it runs on.
 *
 * @example if (context.initiator) channel.send(challenge)
 */
export interface SessionContext {
  /** The remote's signaling id: self-asserted, so only a hint. */
  readonly remoteSignalingId: string
  /** True on exactly one side of the connection, so a handshake can decide who speaks first. */
  readonly initiator: boolean
  /** This Repo's automerge peer id and metadata, to present to the remote. */
  readonly localPeerId: PeerId
  readonly localPeerMetadata: PeerMetadata
}

/**
 * The result of a successful handshake: who the remote is (as proven by the handshake) and
 * how to wrap/unwrap every later data frame. `decrypt` returns null when a frame fails
 * authentication; the adapter then drops the connection.
 *
 * @example
 * const session: Session = { peerId, peerMetadata: {}, encrypt: (b) => seal(b), decrypt: (b) => open(b) }
 */
export interface Session extends FrameCipher {
  readonly peerId: PeerId
  readonly peerMetadata: PeerMetadata
}

/**
 * Hook for an authenticated session layer. `onOpen` runs on both sides when a data channel
 * opens, before the Repo hears of the peer: it runs a handshake over `channel` and resolves
 * to the {@link Session}, or to null to refuse the peer. The peer is announced to the Repo
 * only when both sides accepted. On null the remote is told, the connection closes, and
 * neither side redials until the peer joins one of the adapter's topics again. A rejection
 * (counted in the adapter's `stats.handshakeFailures`), or no result within the adapter's
 * `connectTimeoutMs`, closes the connection and redials later.
 *
 * @example
 * const session: SessionHooks = {
 *   async onOpen(ctx, channel) {
 *     channel.send(await proveIdentity(ctx.localPeerId))
 *     const proof = await channel.receive()
 *     const remote = await verify(proof)
 *     return remote ? { peerId: remote.peerId, peerMetadata: {}, encrypt: remote.seal, decrypt: remote.open } : null
 *   },
 * }
 */
export interface SessionHooks {
  onOpen(context: SessionContext, channel: HandshakeChannel): Promise<Session | null>
}

/**
 * True when a hook's result is a usable {@link Session}; anything else counts as a refusal.
 * Hooks are app code, so their result is checked rather than trusted.
 *
 * @example if (!isValidSession(await hooks.onOpen(context, channel))) refuse()
 */
export function isValidSession(session: Session | null): session is Session {
  return (
    session !== null &&
    typeof session === 'object' &&
    typeof session.peerId === 'string' &&
    session.peerId.length > 0 &&
    typeof session.encrypt === 'function' &&
    typeof session.decrypt === 'function'
  )
}
