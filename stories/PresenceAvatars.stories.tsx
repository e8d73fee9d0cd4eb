import type { Meta, StoryObj } from '@storybook/react-vite'
import type { PresencePeer } from '../src/index.ts'
import { PresenceAvatars } from '../src/ui/index.ts'

// Fixed keys and times: the stories render the same pixels every time (visual baselines).
const person = (displayName: string, seed: string): PresencePeer => ({
  identityKey: seed.repeat(64).slice(0, 64),
  deviceKey: seed.repeat(64).slice(0, 64),
  displayName,
  state: null,
  lastSeen: 0,
})
const people = [person('Ada Lovelace', 'a1'), person('Grace Hopper', 'b2'), person('Alan Turing', 'c3'), person('Edsger Dijkstra', 'd4'), person('Barbara Liskov', 'e5'), person('Donald Knuth', 'f6'), person('', '07')]

const meta = {
  title: 'UI/PresenceAvatars',
  component: PresenceAvatars,
  argTypes: { max: { control: { type: 'number', min: 0, max: 8 } } },
} satisfies Meta<typeof PresenceAvatars>

export default meta
type Story = StoryObj<typeof meta>

/** Nobody else is here (`data-state="empty"`). */
export const Empty: Story = { args: { peers: [] } }

/** One other member here (`data-state="present"`). */
export const One: Story = { args: { peers: people.slice(0, 1) } }

/** Several members; hover or focus an avatar for the name. */
export const Several: Story = { args: { peers: people.slice(0, 4) } }

/** More than `max`: the rest are summed up as "+N" (their names on hover, focus and for screen readers). */
export const Overflow: Story = { args: { peers: people, max: 4 } }

/** A member the credentials name no one: initials "?", name "Member …". */
export const Unnamed: Story = { args: { peers: people.slice(6) } }
