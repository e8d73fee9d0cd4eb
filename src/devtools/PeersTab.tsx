import type { Space } from '../core/index.ts'
import type { ClientInspection } from '../core/inspect/index.ts'
import { ago, bytes, short } from './format.ts'

/**
 * Peers and sessions: who (by proven identity, or a local link such as another tab), state,
 * payload bytes and messages in and out, and when the last message passed.
 *
 * @example <PeersTab look={look} spaces={spaces} now={Date.now()} />
 */
export function PeersTab({ look, spaces, now }: { look: ClientInspection; spaces: readonly Space[]; now: number }) {
  const peers = look.peers()
  if (!peers.length) return <p data-part="devtools-empty">No peers yet: nobody has connected to this client.</p>
  const names = new Map<string, string>()
  for (const s of spaces) for (const m of s.members) if (m.displayName) names.set(m.identityKey, m.displayName)
  return (
    <table data-part="devtools-table">
      <caption>Peers and sessions</caption>
      <thead>
        <tr>
          <th scope="col">Peer</th>
          <th scope="col">Device</th>
          <th scope="col">State</th>
          <th scope="col">In</th>
          <th scope="col">Out</th>
          <th scope="col">Last sync</th>
        </tr>
      </thead>
      <tbody>
        {peers.map((p) => (
          <tr key={p.peerId} data-state={p.state}>
            <td>{p.identityKey ? (names.get(p.identityKey) ?? short(p.identityKey)) : 'local link'}</td>
            <td>
              <code title={p.deviceKey ?? p.peerId}>{short(p.deviceKey ?? p.peerId)}</code>
            </td>
            <td>{p.state}</td>
            <td>
              {bytes(p.bytesIn)} ({p.messagesIn} msg)
            </td>
            <td>
              {bytes(p.bytesOut)} ({p.messagesOut} msg)
            </td>
            <td>{ago(p.lastMessageAt, now)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
