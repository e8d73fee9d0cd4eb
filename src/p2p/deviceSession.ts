import type { PeerId, PeerMetadata } from '@automerge/automerge-repo'
import type { TransportOptions } from '../core/network/index.ts'
import { PeerSession } from './PeerSession.ts'
import type { Session, SessionHooks } from './SessionHooks.ts'

/**
 * Session hooks for the WebRTC adapter: before the Repo hears of a peer, both devices run the
 * {@link PeerSession} handshake (device keys proven over fresh ephemeral keys, credential chain
 * device -> identity checked, revoked devices refused), and every later frame is encrypted with
 * the session keys. The verified peer is reported so access control can map peer id -> identity.
 *
 * @example new WebRTCNetworkAdapter({ signaling, session: deviceSession({ device, isRevoked, onVerified }) })
 */
export function deviceSession(options: Pick<TransportOptions, 'device' | 'isRevoked' | 'onVerified'>): SessionHooks {
  return {
    async onOpen(context, channel): Promise<Session | null> {
      const me = options.device()
      if (!me) return null
      const session = new PeerSession(
        { ...me, peerId: context.localPeerId, meta: sanitizeMeta(context.localPeerMetadata as Record<string, unknown>) },
        { isRevoked: options.isRevoked },
      )
      channel.send(session.start())
      const first = session.receive(await channel.receive())
      if (first.kind !== 'send') return null
      channel.send(first.frame)
      const second = session.receive(await channel.receive())
      if (second.kind !== 'done') return null
      // The peer id is bound to the device key; a peer id already bound elsewhere is refused.
      if (!options.onVerified(second.peer)) return null
      return {
        peerId: second.peer.peerId as PeerId,
        peerMetadata: sanitizeMeta(second.peer.meta) as PeerMetadata,
        encrypt: (bytes) => session.seal(bytes),
        decrypt: (bytes) => session.unseal(bytes),
      }
    },
  }
}

function sanitizeMeta(meta: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (meta && typeof meta.storageId === 'string' && meta.storageId.length <= 128) out.storageId = meta.storageId
  if (meta && typeof meta.isEphemeral === 'boolean') out.isEphemeral = meta.isEphemeral
  return out
}
