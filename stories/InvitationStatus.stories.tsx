import type { Meta, StoryObj } from '@storybook/react-vite'
import { InvitationStatus } from '../src/ui/index.ts'

const meta = {
  title: 'UI/InvitationStatus',
  component: InvitationStatus,
  argTypes: { side: { control: 'inline-radio', options: [undefined, 'host', 'guest'] } },
  args: { side: 'guest' },
} satisfies Meta<typeof InvitationStatus>

export default meta
type Story = StoryObj<typeof meta>

export const Init: Story = { args: { state: 'init' } }
export const Connecting: Story = { args: { state: 'connecting' } }
export const Connected: Story = { args: { state: 'connected' } }
export const ReadyForAuth: Story = { args: { state: 'ready-for-auth' } }
export const Authenticating: Story = { args: { state: 'authenticating' } }
export const Success: Story = { args: { state: 'success' } }
export const Cancelled: Story = { args: { state: 'cancelled' } }
export const Expired: Story = { args: { state: 'expired' } }
export const Error: Story = { args: { state: 'error', errorCode: 'TOO_MANY_ATTEMPTS' } }
