import type { Meta, StoryObj } from '@storybook/react-vite'
import { StatusBadge } from '../src/ui/index.ts'

const meta = {
  title: 'UI/StatusBadge',
  component: StatusBadge,
  args: { children: 'Synced' },
} satisfies Meta<typeof StatusBadge>

export default meta
type Story = StoryObj<typeof meta>

export const Neutral: Story = { args: { tone: 'neutral', children: 'Idle' } }

export const Info: Story = { args: { tone: 'info', children: 'Syncing…' } }

export const Success: Story = { args: { tone: 'success', children: 'Synced' } }

export const Warning: Story = { args: { tone: 'warning', children: 'Reconnecting…' } }

export const Danger: Story = { args: { tone: 'danger', children: 'Sync failed' } }
