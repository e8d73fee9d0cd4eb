// Two real peers for the docs examples that need a second device: separate clients in this
// page, linked over WebRTC through in-page signaling (in-process where WebRTC does not
// connect). Each gets its own <EchoProvider>.
import type { CSSProperties, ReactNode } from 'react'
import { EchoProvider, type Client, type Space } from '../../src/index.ts'
import { tokens } from '../../src/ui/index.ts'
import type { LiveNetwork } from '../support/LiveNetwork.ts'
import { joinInCode, LiveScenario } from '../support/LivePanel.tsx'

type Pair = { ada: Client; bob: Client; space: Space }

/**
 * Ada owns a space called `spaceName` (prepared by `prepare`); Bob has an identity and, with
 * `joined`, has joined it with an invitation. `render` draws each side.
 *
 * @example <PeerPair joined render={(side) => <NoteEditor label={side.name} />} />
 */
export function PeerPair({
  spaceName,
  joined,
  prepare,
  render,
}: {
  spaceName: string
  joined: boolean
  prepare?: (space: Space) => void
  render: (side: { name: string; client: Client; space: Space; host: boolean }) => ReactNode
}) {
  const setup = async (net: LiveNetwork, signal: AbortSignal): Promise<Pair> => {
    const ada = await net.peer('ada', 'Ada')
    const bob = await net.peer('bob', 'Bob')
    const space = await ada.createSpace({ name: spaceName })
    prepare?.(space)
    if (joined) await joinInCode(space, bob, signal)
    return { ada, bob, space }
  }
  return (
    <LiveScenario setup={setup}>
      {({ ada, bob, space }, net) => (
        <div style={{ display: 'flex', flexDirection: 'column', gap: '0.75rem' }}>
          <p style={{ margin: 0, fontSize: '0.875rem', color: tokens.muted }}>
            {net.transport === 'webrtc'
              ? 'Ada and Bob are two separate clients in this page, linked over WebRTC.'
              : `Ada and Bob are two separate clients in this page, linked in-process (WebRTC is not available here: ${net.fallbackReason ?? 'not asked for'}).`}
          </p>
          <div style={gridStyle}>
            {[
              { name: 'Ada', client: ada, host: true },
              { name: 'Bob', client: bob, host: false },
            ].map((side) => (
              <div key={side.name} role="group" aria-label={`${side.name}’s device`} style={sideStyle}>
                <p style={{ margin: 0, fontWeight: 600 }}>{side.name}’s device</p>
                <EchoProvider client={side.client}>{render({ ...side, space })}</EchoProvider>
              </div>
            ))}
          </div>
        </div>
      )}
    </LiveScenario>
  )
}

const gridStyle: CSSProperties = { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 17rem), 1fr))', gap: '1rem' }
const sideStyle: CSSProperties = { display: 'flex', flexDirection: 'column', gap: '0.6rem', minWidth: 0, padding: '0.875rem', background: '#ffffff', border: `1px solid ${tokens.border}`, borderRadius: 10 }
