import type { Meta, StoryObj } from '@storybook/react-vite'
import { NetworkStatus } from '../src/ui/index.ts'

const meta = {
  title: 'UI/NetworkStatus',
  component: NetworkStatus,
  argTypes: { status: { control: 'inline-radio', options: ['offline', 'connecting', 'online'] } },
} satisfies Meta<typeof NetworkStatus>

export default meta
type Story = StoryObj<typeof meta>

export const Offline: Story = { args: { status: 'offline' } }

export const Connecting: Story = { args: { status: 'connecting' } }

export const Online: Story = { args: { status: 'online', peers: 3 } }
