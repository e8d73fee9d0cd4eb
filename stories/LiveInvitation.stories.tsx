import type { Meta, StoryObj } from '@storybook/react-vite'
import { LivePanelsStory } from './support/LiveStories.tsx'

// The whole invitation, run by the visitor between two real peers in one page: Ada (peer A)
// owns "Team board"; Bob (peer B) has an identity and nothing else yet.
const meta = {
  title: 'Live/Invitation',
  component: LivePanelsStory,
  parameters: { layout: 'fullscreen' },
  args: { scenario: 'invite' },
  argTypes: { scenario: { table: { disable: true } }, transport: { control: 'inline-radio', options: ['auto', 'in-process'] } },
} satisfies Meta<typeof LivePanelsStory>

export default meta
type Story = StoryObj<typeof meta>

/**
 * Press "Invite someone" in Ada's panel, copy the code into Bob's panel and press Join, then type
 * the 6 digits Ada's panel shows. Bob's panel opens the board; from then on tasks and notes flow
 * both ways, also after either side goes offline and back.
 */
export const TwoPeers: Story = {}

/** The same, with the peers linked in-process (what the story falls back to without WebRTC). */
export const InProcessFallback: Story = { args: { transport: 'in-process' } }
