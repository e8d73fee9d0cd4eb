// The scenarios of the live stories: who the peers are and what they already did before the
// visitor takes over. Everything runs on real clients; nothing is mocked.
import type { ReactNode } from 'react'
import type { Client } from '../../src/index.ts'
import type { LiveNetwork } from './LiveNetwork.ts'
import { joinInCode, LiveScenario, LiveStage, PeerPanel, seedBoard, settled } from './LivePanel.tsx'

/**
 * Props of {@link LivePanelsStory}.
 *
 * @example const props: LivePanelsStoryProps = { scenario: 'three', transport: 'auto' }
 */
export interface LivePanelsStoryProps {
  /**
   * - `invite`: Ada has the board, Bob has nothing yet (the visitor runs the invitation);
   * - `joined`: Bob already joined Ada's board;
   * - `three`: Ada, Bob and Carol share the board;
   * - `offline`: Bob joined, went offline, and both edited since (press "Go online").
   */
  scenario: 'invite' | 'joined' | 'three' | 'offline'
  /** `auto`: WebRTC when it connects in this browser, else in-process. */
  transport?: 'auto' | 'in-process'
}

type Panels = { peers: { client: Client; peer: string }[] }

const texts: Record<LivePanelsStoryProps['scenario'], { title: string; intro: string; steps?: ReactNode }> = {
  invite: {
    title: 'Invite a peer, then edit together',
    intro: 'Ada (peer A) owns the space “Team board”. Bob (peer B) has an identity but no shared space yet.',
    steps: (
      <>
        <li>In Ada’s panel press “Invite someone”, then “Copy code” (or select the code).</li>
        <li>Paste it into Bob’s panel and press “Join”.</li>
        <li>Type the 6 digits Ada’s panel shows into Bob’s panel, then press “Open space”.</li>
        <li>Add or tick tasks and type in the notes on either side. Go offline on one side, edit both, go online again: the edits merge.</li>
      </>
    ),
  },
  joined: {
    title: 'Two peers on one board',
    intro: 'Bob joined Ada’s “Team board” with an invitation. Edit tasks and notes on either side; take one side offline, edit both, and bring it back to see the merge.',
  },
  three: {
    title: 'Three peers on one board',
    intro: 'Ada invited Bob and Carol. Every edit reaches the other two; take any of them offline and back.',
  },
  offline: {
    title: 'Edits made while offline merge on rejoin',
    intro: 'Bob went offline; since then Ada and Bob both added a task and wrote in the notes. Press “Go online” in Bob’s panel to merge.',
  },
}

async function setup(scenario: LivePanelsStoryProps['scenario'], net: LiveNetwork, signal: AbortSignal): Promise<Panels> {
  const ada = await net.peer('ada', 'Ada')
  const bob = await net.peer('bob', 'Bob')
  const board = await ada.createSpace({ name: 'Team board' })
  seedBoard(board)
  if (scenario === 'invite') return { peers: [{ client: ada, peer: 'A' }, { client: bob, peer: 'B' }] }
  const bobs = await joinInCode(board, bob, signal)
  if (scenario === 'three') {
    const carol = await net.peer('carol', 'Carol')
    await joinInCode(board, carol, signal)
    return { peers: [{ client: ada, peer: 'A' }, { client: bob, peer: 'B' }, { client: carol, peer: 'C' }] }
  }
  if (scenario === 'offline') {
    await settled(bobs, 5000)
    net.setOnline(bob, false)
    board.db.add({ '@type': 'task', title: 'Order lunch (Ada, while Bob was away)', done: false, createdAt: 10 })
    board.db.text(board.db.query({ '@type': 'note' }).objects[0]!, 'body').splice(8, 0, 'budget review; ')
    bobs.db.add({ '@type': 'task', title: 'Bring the projector (Bob, offline)', done: false, createdAt: 11 })
    const bobsNote = bobs.db.query({ '@type': 'note' }).objects[0]!
    const body = bobs.db.text(bobsNote, 'body')
    body.splice(body.value.length, 0, 'demo of echo-kit.')
  }
  return { peers: [{ client: ada, peer: 'A' }, { client: bob, peer: 'B' }] }
}

/**
 * Two or three peers side by side, each its own client, linked over WebRTC through signaling
 * inside the page (or in-process where WebRTC does not connect, which the page says).
 *
 * @example <LivePanelsStory scenario="invite" />
 */
export function LivePanelsStory({ scenario, transport = 'auto' }: LivePanelsStoryProps) {
  const { title, intro, steps } = texts[scenario]
  return (
    <LiveScenario key={`${scenario}-${transport}`} transport={transport === 'auto' ? undefined : 'in-process'} setup={(net, signal) => setup(scenario, net, signal)}>
      {({ peers }, net) => (
        <LiveStage title={title} intro={intro} steps={steps} net={net}>
          {peers.map(({ client, peer }) => (
            <PeerPanel key={peer} net={net} client={client} peer={peer} />
          ))}
        </LiveStage>
      )}
    </LiveScenario>
  )
}
