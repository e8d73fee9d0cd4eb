import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { CopyButton } from '../src/ui/index.ts'

const meta = {
  title: 'UI/CopyButton',
  component: CopyButton,
  args: { text: 'Z3JvY2VyaWVzLWludml0YXRpb24tY29kZQ', children: 'Copy invitation code', onCopied: fn(), onCopyError: fn() },
} satisfies Meta<typeof CopyButton>

export default meta
type Story = StoryObj<typeof meta>

export const Default: Story = {}
