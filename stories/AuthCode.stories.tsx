import type { Meta, StoryObj } from '@storybook/react-vite'
import { AuthCode } from '../src/ui/index.ts'

const meta = {
  title: 'UI/AuthCode',
  component: AuthCode,
  args: { code: '482913' },
} satisfies Meta<typeof AuthCode>

export default meta
type Story = StoryObj<typeof meta>

export const Digits: Story = {}

export const WithQr: Story = { args: { showQr: true } }
