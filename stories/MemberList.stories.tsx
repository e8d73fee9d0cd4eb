import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, screen, userEvent, within } from 'storybook/test'
import { EchoProvider, type Client, type Space } from '../src/index.ts'
import { MemberList, type MemberListProps } from '../src/ui/index.ts'
import { Scenario } from './support/Scenario.tsx'

type MemberListStoryProps = Omit<MemberListProps, 'space'> & {
  /** Whose screen: Ada (owner), Carol (admin) or Bob (editor). */
  viewer: 'ada' | 'carol' | 'bob'
}

// "Team board": Ada created it, Carol is an admin, Bob an editor, Dan a reader. All four are
// real clients; the viewer sees the space as synced to their own client.
function MemberListStory({ viewer, ...props }: MemberListStoryProps) {
  return (
    <Scenario
      key={viewer}
      setup={async (p) => {
        const [ada, bob, carol, dan] = await Promise.all([p.peer('ada', 'Ada'), p.peer('bob', 'Bob'), p.peer('carol', 'Carol'), p.peer('dan', 'Dan')])
        for (const other of [bob!, carol!, dan!]) p.link(ada!, other)
        const space = await ada!.createSpace({ name: 'Team board' })
        await space.admit({ identityKey: carol!.identity!.identityKey, role: 'admin', displayName: 'Carol' })
        await space.admit({ identityKey: bob!.identity!.identityKey, role: 'editor', displayName: 'Bob' })
        await space.admit({ identityKey: dan!.identity!.identityKey, role: 'reader', displayName: 'Dan' })
        const clients: Record<string, Client> = { ada: ada!, bob: bob!, carol: carol! }
        const client = clients[viewer]!
        const mine: Space = client === ada ? space : await client.openSpace(space.address)
        while (mine.members.length < 4) await new Promise((r) => setTimeout(r, 50))
        return { client, space: mine }
      }}
    >
      {({ client, space }) => (
        <EchoProvider client={client}>
          <main style={{ width: 'min(26rem, 90vw)' }}>
            <h2 style={{ margin: '0 0 0.5rem', fontSize: '1.125rem' }}>Members of {space.name}</h2>
            <MemberList space={space} {...props} />
          </main>
        </EchoProvider>
      )}
    </Scenario>
  )
}

const meta = {
  title: 'Lists/MemberList',
  component: MemberListStory,
  args: { viewer: 'ada', onRemoved: fn() },
  argTypes: { viewer: { control: 'inline-radio', options: ['ada', 'carol', 'bob'] } },
} satisfies Meta<typeof MemberListStory>

export default meta
type Story = StoryObj<typeof meta>

/** The owner's view: Remove for everyone else. */
export const Owner: Story = {}

/** An editor's view: nothing to manage. */
export const Editor: Story = { args: { viewer: 'bob' } }

/** The confirm step after pressing "Remove" next to Bob (focus on "Keep"). */
export const ConfirmRemove: Story = {
  play: async () => {
    await userEvent.click(await screen.findByRole('button', { name: 'Remove Bob' }, { timeout: 8000 }))
    await expect(screen.getByRole('group', { name: 'Remove Bob from Team board?' })).toBeVisible()
  },
}

/** Bob was removed: the list updates and a status line announces it. */
export const Removed: Story = {
  play: async () => {
    await userEvent.click(await screen.findByRole('button', { name: 'Remove Bob' }, { timeout: 8000 }))
    await userEvent.click(within(screen.getByRole('group')).getByRole('button', { name: 'Remove Bob' }))
    await screen.findByText('3 members', {}, { timeout: 5000 })
  },
}

/** Carol (admin): Remove for Bob (editor), none for Ada (the owner, whom the space never lets her remove). */
export const Admin: Story = {
  args: { viewer: 'carol' },
  play: async () => {
    await screen.findByRole('button', { name: 'Remove Bob' }, { timeout: 8000 })
    await expect(screen.queryByRole('button', { name: 'Remove Ada' })).toBeNull()
  },
}
