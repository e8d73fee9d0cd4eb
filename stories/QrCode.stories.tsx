import type { Meta, StoryObj } from '@storybook/react-vite'
import { QrCode } from '../src/ui/index.ts'

const meta = {
  title: 'UI/QrCode',
  component: QrCode,
  args: {
    value: 'https://echo-kit.example/#join=Z3JvY2VyaWVzLWludml0YXRpb24tY29kZQ',
    label: 'QR code of the invitation link',
  },
} satisfies Meta<typeof QrCode>

export default meta
type Story = StoryObj<typeof meta>

export const Default: Story = {}
