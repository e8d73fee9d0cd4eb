import type { NetworkAdapterInterface, PeerId } from '@automerge/automerge-repo'
import type { NetworkPort, PeerTransport, SignalingConnection, TransportOptions } from '../core/network/index.ts'
import { deviceSession } from './deviceSession.ts'
import { SignalingClient } from './SignalingClient.ts'
import { WebRTCNetworkAdapter } from './WebRTCNetworkAdapter.ts'

/**
 * The engine's network, peer to peer: a ws signaling client to find peers, WebRTC data
 * channels between them (node-datachannel in Node), the {@link deviceSession} handshake on
 * every connection, and BroadcastChannel between tabs of one browser. This is what the package
 * entries hand to the engine.
 *
 * @example provideWiring({ openStorage, network: webrtcNetwork })
 */
export const webrtcNetwork: NetworkPort = {
  openSignaling(urls: string | string[]): SignalingConnection {
    // A fresh signaling key per client: its peer id is that key, proven to the server.
    const client = new SignalingClient({ urls })
    client.connect()
    return client
  },

  openTransport(options: TransportOptions): PeerTransport {
    // One adapter for every topic (a space each, plus the identity's devices): a peer met on
    // several topics gets one connection.
    const adapter = new WebRTCNetworkAdapter({
      signaling: options.signaling,
      topics: [],
      iceServers: options.iceServers,
      bindAddress: options.bindAddress,
      session: deviceSession(options),
      inbound: options.inbound,
    })
    return {
      adapter,
      join: (topic) => adapter.join(topic),
      leave: (topic) => adapter.leave(topic),
      refuse: (peerId) => adapter.refusePeer(peerId as PeerId),
      carries: (peerId) => adapter.connectedPeers().includes(peerId as PeerId),
      setOnline(online) {
        if (!online) return adapter.disconnect()
        if (adapter.peerId) adapter.connect(adapter.peerId, adapter.peerMetadata)
      },
      close: () => adapter.disconnect(),
    }
  },

  async localAdapters(name: string, enabled: boolean | undefined): Promise<NetworkAdapterInterface[]> {
    // Opt-in only: a tab link is trusted as this device (see SECURITY.md), so the app asks for it.
    if (!enabled || typeof BroadcastChannel === 'undefined') return []
    const { BroadcastChannelNetworkAdapter } = await import('@automerge/automerge-repo-network-broadcastchannel')
    return [new BroadcastChannelNetworkAdapter({ channelName: `echo-kit:${name}` })]
  },
}
