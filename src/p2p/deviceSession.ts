import type { PeerId, PeerMetadata } from '@automerge/automerge-repo'
import type { Session, SessionHooks } from './WebRTCNetworkAdapter.ts'
import { fromHex } from '../core/shared/index.ts'
import type { IdentityRecord } from '../core/identity/index.ts'
import { PeerSession, type VerifiedPeer } from './PeerSession.ts'

/**
 * Session hooks for the WebRTC adapter: before the Repo hears of a peer, both devices run the
 * {@link PeerSession} handshake (device keys proven over fresh ephemeral keys, credential chain
 * device -> identity checked, revoked devices refused), and every later frame is encrypted with
 * the session keys. The verified peer is reported so access control can map peer id -> identity.
 *
 * @example new WebRTCNetworkAdapter({ signaling, topic, session: deviceSession({ identity, isRevoked, onVerified }) })
 */
export function deviceSession(options: {
  identity: () => IdentityRecord | undefined
  isRevoked: (deviceKey: string) => boolean
  onVerified: (peer: VerifiedPeer) => boolean
}): SessionHooks {
  return {
    async onOpen(context, channel): Promise<Session | null> {
      const me = options.identity()
      if (!me) return null
      const session = new PeerSession(
        {
          peerId: context.localPeerId,
          identityKey: me.identityKey,
          deviceKey: me.deviceKey,
          deviceSecretKey: fromHex(me.deviceSecretKey)!,
          deviceCredential: me.deviceCredential,
          meta: sanitizeMeta(context.localPeerMetadata as Record<string, unknown>),
        },
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
