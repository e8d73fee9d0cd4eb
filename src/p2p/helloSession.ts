// The session used when the app gives none: a plain exchange of automerge peer ids, no
// authentication. Good for tests, demos and trusted networks; apps with identities use
// deviceSession instead.
import { cbor, type PeerId, type PeerMetadata } from '@automerge/automerge-repo/slim'
import type { SessionHooks } from './SessionHooks.ts'

/**
 * The default session when no {@link SessionHooks} is given: each side sends its automerge
 * peer id and metadata, nothing is encrypted beyond WebRTC's own DTLS, and nothing is
 * authenticated (peer ids are taken at their word).
 *
 * @example new WebRTCNetworkAdapter({ signaling, topic, session: helloSession }) // same as omitting it
 */
export const helloSession: SessionHooks = {
  async onOpen(context, channel) {
    channel.send(cbor.encode({ v: 1, peerId: context.localPeerId, peerMetadata: context.localPeerMetadata }))
    // A timeout or close rejects here, which means "try again later"; garbage means "no".
    const bytes = await channel.receive()
    let hello: unknown
    try {
      hello = cbor.decode(bytes)
    } catch {
      // Not CBOR: a peer that speaks another protocol. Refuse it (null), so neither side redials.
      return null
    }
    if (!isRecord(hello) || hello.v !== 1) return null
    const { peerId } = hello
    if (typeof peerId !== 'string' || peerId.length === 0 || peerId.length > 256) return null
    const identity = (b: Uint8Array) => b
    return {
      peerId: peerId as PeerId,
      peerMetadata: toPeerMetadata(hello.peerMetadata),
      encrypt: identity,
      decrypt: identity,
    }
  },
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// Only the fields automerge-repo reads, and only with the right types: the rest of the
// remote's hello is untrusted and dropped.
function toPeerMetadata(value: unknown): PeerMetadata {
  const out: PeerMetadata = {}
  if (!isRecord(value)) return out
  if (typeof value.storageId === 'string') out.storageId = value.storageId as PeerMetadata['storageId']
  if (typeof value.isEphemeral === 'boolean') out.isEphemeral = value.isEphemeral
  return out
}
