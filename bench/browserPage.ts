// Loaded into each Chromium bench page (through Vite's /@fs/): Yjs + y-webrtc beside the
// echo-kit harness page, and byte counters over every data channel of the page.
import * as Y from 'yjs'
import { WebrtcProvider } from 'y-webrtc'

interface ChannelBytes {
  sent: number
  received: number
  messagesSent: number
  messagesReceived: number
}

/** Peer connections made in this page (recorded by the init script the bench adds). */
declare global {
  interface Window {
    __pcs?: RTCPeerConnection[]
  }
}

/** Opens a Yjs document synced over y-webrtc in `room` (no STUN: loopback only). */
export function openYjs(room: string, signaling: string) {
  const doc = new Y.Doc()
  const provider = new WebrtcProvider(room, doc, { signaling: [signaling], peerOpts: { config: { iceServers: [] } } })
  return { doc, provider, objects: doc.getMap<Y.Map<unknown>>('objects'), Y }
}

/** Resolves once y-webrtc has at least `n` connected WebRTC peers. */
export async function yjsPeers(provider: WebrtcProvider, n: number, timeout = 30_000): Promise<void> {
  const end = performance.now() + timeout
  for (;;) {
    const conns = [...((provider as any).room?.webrtcConns?.values() ?? [])] as { connected: boolean }[]
    if (conns.filter((c) => c.connected).length >= n) return
    if (performance.now() > end) throw new Error(`y-webrtc: fewer than ${n} peers connected`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

/**
 * Bytes over this page's data channels, summed separately for echo-kit's channel (label
 * 'echo-kit') and everything else (y-webrtc's simple-peer channels). Payload bytes as
 * RTCDataChannelStats counts them (after echo-kit's encryption and framing).
 */
export async function channelBytes(): Promise<{ echo: ChannelBytes; yjs: ChannelBytes }> {
  const zero = (): ChannelBytes => ({ sent: 0, received: 0, messagesSent: 0, messagesReceived: 0 })
  const out = { echo: zero(), yjs: zero() }
  for (const pc of window.__pcs ?? []) {
    if (pc.connectionState === 'closed') continue
    const stats = await pc.getStats()
    stats.forEach((r: any) => {
      if (r.type !== 'data-channel') return
      const t = r.label === 'echo-kit' ? out.echo : out.yjs
      t.sent += r.bytesSent ?? 0
      t.received += r.bytesReceived ?? 0
      t.messagesSent += r.messagesSent ?? 0
      t.messagesReceived += r.messagesReceived ?? 0
    })
  }
  return out
}

export { Y }
