// The messages two PeerConnections exchange over signaling (descriptions and ICE candidates),
// and their validation: signaling data comes from anyone in the topic, so nothing reaches
// the RTCPeerConnection before parseSignal has rebuilt it from known fields within limits.

/**
 * A message carried by the signaling channel between two PeerConnections. `conn` names the
 * sending PeerConnection instance so a restarted peer is told apart from stale messages.
 *
 * @example signaling.send(topic, remoteId, { conn: 'k3j…', desc: { type: 'offer', sdp } })
 */
export type PeerSignal = {
  conn: string
  desc?: { type: 'offer' | 'answer'; sdp: string }
  cand?: { candidate: string; sdpMid: string | null; sdpMLineIndex: number | null }
}

const MAX_CONN_CHARS = 64
const MAX_SDP_CHARS = 32 * 1024
const MAX_CANDIDATE_CHARS = 1024

/**
 * Validates untrusted signaling data; null when it is not a well-formed {@link PeerSignal}.
 *
 * @example const s = parseSignal(event.data); if (s) pc.signal(s)
 */
export function parseSignal(data: unknown): PeerSignal | null {
  if (typeof data !== 'object' || data === null) return null
  const d = data as Record<string, unknown>
  if (typeof d.conn !== 'string' || d.conn.length === 0 || d.conn.length > MAX_CONN_CHARS) return null
  if (d.desc !== undefined) {
    const desc = d.desc as Record<string, unknown> | null
    if (typeof desc !== 'object' || desc === null) return null
    if (desc.type !== 'offer' && desc.type !== 'answer') return null
    if (typeof desc.sdp !== 'string' || desc.sdp.length > MAX_SDP_CHARS) return null
    return { conn: d.conn, desc: { type: desc.type, sdp: desc.sdp } }
  }
  if (d.cand !== undefined) {
    const cand = d.cand as Record<string, unknown> | null
    if (typeof cand !== 'object' || cand === null) return null
    if (typeof cand.candidate !== 'string' || cand.candidate.length > MAX_CANDIDATE_CHARS) return null
    const sdpMid = typeof cand.sdpMid === 'string' && cand.sdpMid.length <= 16 ? cand.sdpMid : null
    const sdpMLineIndex =
      typeof cand.sdpMLineIndex === 'number' && Number.isInteger(cand.sdpMLineIndex) && cand.sdpMLineIndex >= 0
        ? cand.sdpMLineIndex
        : null
    if (sdpMid === null && sdpMLineIndex === null) return null
    return { conn: d.conn, cand: { candidate: cand.candidate, sdpMid, sdpMLineIndex } }
  }
  return null
}

/**
 * A fresh random id for a PeerConnection instance: the `conn` of every {@link PeerSignal} it sends.
 *
 * @example const conn = newConnId() // 18 hex digits
 */
export function newConnId(): string {
  const bytes = new Uint8Array(9)
  crypto.getRandomValues(bytes)
  let s = ''
  for (const b of bytes) s += b.toString(16).padStart(2, '0')
  return s
}
