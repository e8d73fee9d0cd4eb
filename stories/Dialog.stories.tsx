import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { Dialog, PinInput, primaryButtonStyle } from '../src/ui/index.ts'

// The shape a join dialog will take: title, description, a code entry and two actions.
function JoinDialogExample({ defaultOpen, onOpenChange }: { defaultOpen?: boolean; onOpenChange?: (open: boolean) => void }) {
  return (
    <Dialog.Root defaultOpen={defaultOpen} onOpenChange={onOpenChange}>
      <Dialog.Trigger>Join a space</Dialog.Trigger>
      <Dialog.Content>
        <Dialog.Title>Join a space</Dialog.Title>
        <Dialog.Description>Enter the 6-digit code shown on the other device.</Dialog.Description>
        <PinInput label="Authorization code" />
        <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8, marginTop: 24 }}>
          <Dialog.Close>Cancel</Dialog.Close>
          <button type="button" style={primaryButtonStyle}>
            Join
          </button>
        </div>
      </Dialog.Content>
    </Dialog.Root>
  )
}

const meta = {
  title: 'UI/Dialog',
  component: JoinDialogExample,
  args: { onOpenChange: fn() },
} satisfies Meta<typeof JoinDialogExample>

export default meta
type Story = StoryObj<typeof meta>

export const Closed: Story = {}

export const Open: Story = { args: { defaultOpen: true } }
