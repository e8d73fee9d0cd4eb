import type { Meta, StoryObj } from '@storybook/react-vite'
import { EchoDevtools, type DevtoolsTab } from '../src/devtools/index.ts'
import { EchoProvider, useQuery, type Space } from '../src/index.ts'
import { Scenario } from './support/Scenario.tsx'
import '../src/devtools/devtools.css'

type EchoDevtoolsStoryProps = {
  /** Closed (the toggle only), or open on a tab. */
  tab: DevtoolsTab | 'closed'
  /** Whose client: Ada (owns "Team board", Bob writes there too) or a fresh client with nothing yet. */
  client: 'ada' | 'empty'
}

/** A tiny app beside the devtools: two components with live queries (seen on the Queries tab). */
function Board({ space }: { space: Space }) {
  const open = useQuery(space, { '@type': 'task', done: false }, { sort: 'title' })
  return (
    <main style={{ padding: '1rem' }}>
      <h1 style={{ fontSize: '1.25rem', margin: '0 0 0.5rem' }}>{space.name}</h1>
      <ul>
        {open.map((t) => (
          <li key={t['@id']}>{String(t.title)}</li>
        ))}
      </ul>
      <OpenCount space={space} />
    </main>
  )
}

function OpenCount({ space }: { space: Space }) {
  const open = useQuery(space, { '@type': 'task', done: false }, { sort: 'title' })
  return <p>{open.length} open</p>
}

// Real in-memory clients: Ada owns "Team board" with Bob as editor (linked in-process); Bob
// wrote a task and a note. Live data (random keys), so these stories have no visual baseline.
function EchoDevtoolsStory({ tab, client }: EchoDevtoolsStoryProps) {
  return (
    <Scenario
      key={`${client}-${tab}`}
      setup={async (p) => {
        if (client === 'empty') return { client: await p.peer('empty'), space: undefined }
        const [ada, bob] = await Promise.all([p.peer('ada', 'Ada'), p.peer('bob', 'Bob')])
        p.link(ada!, bob!)
        const space = await ada!.createSpace({ name: 'Team board' })
        await space.admit({ identityKey: bob!.identity!.identityKey, role: 'editor', displayName: 'Bob' })
        const onBob = await bob!.openSpace(space.address)
        while (onBob.role !== 'editor') await new Promise((r) => setTimeout(r, 20))
        const grace = space.db.add({ '@type': 'person', name: 'Grace Hopper' })
        space.db.add({ '@type': 'task', title: 'Book a room', done: false, assignee: grace })
        onBob.db.add({ '@type': 'task', title: 'Order snacks', done: false, tags: ['food', 'friday'] })
        onBob.db.add({ '@type': 'note', title: 'Agenda', body: 'Plans for the offsite' })
        while (space.db.size < 4) await new Promise((r) => setTimeout(r, 20))
        return { client: ada!, space }
      }}
    >
      {({ client: c, space }) => (
        <EchoProvider client={c}>
          {space ? <Board space={space} /> : <main style={{ padding: '1rem' }}>A new client: no identity, no spaces.</main>}
          <EchoDevtools initialIsOpen={tab !== 'closed'} initialTab={tab === 'closed' ? 'spaces' : tab} />
        </EchoProvider>
      )}
    </Scenario>
  )
}

const meta = {
  title: 'Devtools/EchoDevtools',
  component: EchoDevtoolsStory,
  parameters: { layout: 'fullscreen' },
  args: { tab: 'closed', client: 'ada' },
  argTypes: {
    tab: { control: 'select', options: ['closed', 'spaces', 'objects', 'queries', 'peers', 'network', 'problems'] },
    client: { control: 'inline-radio', options: ['ada', 'empty'] },
  },
} satisfies Meta<typeof EchoDevtoolsStory>

export default meta
type Story = StoryObj<typeof meta>

/** Closed: one button in the corner; the panel's code has not been loaded. */
export const Closed: Story = {}

/** Spaces: role, members and the credential chain of each space. */
export const Spaces: Story = { args: { tab: 'spaces' } }

/** Objects: search, pick one, see it as a live tree, set a field. */
export const Objects: Story = { args: { tab: 'objects' } }

/** Queries: the two live queries of the board, grouped, with their subscriber count. */
export const Queries: Story = { args: { tab: 'queries' } }

/** Peers: Bob's link (in-process, so "local link"), bytes and messages both ways. */
export const Peers: Story = { args: { tab: 'peers' } }

/** Network: network and sync status, storage used. */
export const Network: Story = { args: { tab: 'network' } }

/** Problems: counters, per-space counters, recent refused messages (none here). */
export const Problems: Story = { args: { tab: 'problems' } }

/** A fresh client: nothing to show yet, on every tab. */
export const EmptyClient: Story = { args: { tab: 'spaces', client: 'empty' } }
