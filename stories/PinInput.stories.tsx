import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { PinInput } from '../src/ui/index.ts'

const meta = {
  title: 'UI/PinInput',
  component: PinInput,
  args: { label: 'Authorization code', onChange: fn(), onComplete: fn() },
} satisfies Meta<typeof PinInput>

export default meta
type Story = StoryObj<typeof meta>

export const Empty: Story = { args: { autoFocus: true } }

export const Partial: Story = { args: { defaultValue: '123' } }

export const Complete: Story = { args: { defaultValue: '123456' } }

export const Invalid: Story = {
  args: { defaultValue: '123456', invalid: true, 'aria-describedby': 'pin-error' },
  render: (args) => (
    <div style={{ display: 'grid', gap: 8, justifyItems: 'start' }}>
      <PinInput {...args} />
      <p id="pin-error" style={{ margin: 0, color: '#b91c1c', fontSize: 14 }}>
        That code is not right. 2 attempts left.
      </p>
    </div>
  ),
}

export const Disabled: Story = { args: { defaultValue: '12', disabled: true } }
