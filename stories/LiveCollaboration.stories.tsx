import type { Meta, StoryObj } from '@storybook/react-vite'
import { LivePanelsStory } from './support/LiveStories.tsx'

// Peers that already share Ada's "Team board" (each joined with a real invitation run in code):
// edit on any side, take sides offline and back, watch everything converge.
const meta = {
  title: 'Live/Collaboration',
  component: LivePanelsStory,
  parameters: { layout: 'fullscreen' },
  args: { scenario: 'joined' },
  argTypes: { scenario: { table: { disable: true } }, transport: { control: 'inline-radio', options: ['auto', 'in-process'] } },
} satisfies Meta<typeof LivePanelsStory>

export default meta
type Story = StoryObj<typeof meta>

/** Ada and Bob share the board: tasks (useQuery) and notes (TextField) flow both ways. */
export const TwoPeers: Story = {}

/** Ada, Bob and Carol: every edit reaches the other two. */
export const ThreePeers: Story = { args: { scenario: 'three' } }

/** Bob is offline and both sides edited since: press "Go online" in Bob's panel to merge. */
export const OfflineEdits: Story = { args: { scenario: 'offline' } }
