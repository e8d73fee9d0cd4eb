import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { Dialog, PinInput } from '../src/ui/index.ts'

// The shape a join dialog will take: title, description, a code entry and two actions.
function JoinDialogExample({ defaultOpen, onOpenChange }: { defaultOpen?: boolean; onOpenChange?: (open: boolean) => void }) {
  return (
    <Dialog.Root defaultOpen={defaultOpen} onOpenChange={onOpenChange}>
      <Dialog.Trigger>Join a space</Dialog.Trigger>
      <Dialog.Content>
        <Dialog.Title>Join a space</Dialog.Title>
        <Dialog.Description>Enter the 6-digit code that the person who invited you sees.</Dialog.Description>
        <PinInput label="Authorization code" />
        <div data-part="actions">
          <Dialog.Close>Cancel</Dialog.Close>
          <button type="button" data-echo-button="" data-variant="primary">
            Join
          </button>
        </div>
      </Dialog.Content>
    </Dialog.Root>
  )
}

// The parts rearranged by an app: its own Portal and Overlay, classes on each part.
function PartsExample({ defaultOpen }: { defaultOpen?: boolean }) {
  return (
    <Dialog.Root defaultOpen={defaultOpen}>
      <Dialog.Trigger data-echo-button="">Open</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay />
        <Dialog.Content>
          <Dialog.Title>Overlay as an element</Dialog.Title>
          <Dialog.Description>The overlay is a part of its own here, so it can be styled and animated.</Dialog.Description>
          <div data-part="actions">
            <Dialog.Close asChild>
              <button type="button" data-echo-button="" data-variant="primary">
                Done
              </button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
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

/** Portal, Overlay and Close asChild composed by the app. */
export const Parts: Story = { render: () => <PartsExample defaultOpen /> }
