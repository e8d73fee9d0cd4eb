import type { Meta, StoryObj } from '@storybook/react-vite'
import { EchoProvider } from '../src/index.ts'
import { DeviceInvitationDialog, type DeviceInvitationDialogProps } from '../src/ui/index.ts'
import { guestDriver, Scenario, type GuestStep } from './support/Scenario.tsx'

type DeviceHostStoryProps = DeviceInvitationDialogProps & {
  /** What the new device (a real client without identity) does with the invitation. */
  guest: GuestStep
}

// Ada's laptop invites her phone, a real second client scripted by `guest`.
function DeviceHostStory({ guest, ...props }: DeviceHostStoryProps) {
  return (
    <Scenario
      key={guest}
      setup={async (p) => {
        const laptop = await p.peer('laptop', 'Ada')
        const phone = await p.peer('phone')
        p.link(laptop, phone)
        return { laptop, onInvitation: guestDriver(phone, guest, p.signal) }
      }}
    >
      {({ laptop, onInvitation }) => (
        <EchoProvider client={laptop}>
          <DeviceInvitationDialog onInvitation={onInvitation} {...props} />
        </EchoProvider>
      )}
    </Scenario>
  )
}

const meta = {
  title: 'Invitations/DeviceInvitationDialog',
  component: DeviceHostStory,
  args: { guest: 'none', defaultOpen: true, linkBase: 'https://echo-kit.example/' },
  argTypes: { guest: { control: 'select', options: ['none', 'connect', 'wrong-code', 'too-many-attempts', 'success', 'cancel'] } },
} satisfies Meta<typeof DeviceHostStory>

export default meta
type Story = StoryObj<typeof meta>

/** Only the trigger. */
export const Closed: Story = { args: { defaultOpen: false } }

/** Waiting for the new device: QR code, link and code. */
export const Waiting: Story = {}

/** The phone opened the invitation: the code to enter on it. */
export const ReadyForAuth: Story = { args: { guest: 'connect' } }

/** A wrong code was entered on the phone once. */
export const WrongCode: Story = { args: { guest: 'wrong-code' } }

/** The phone entered the right code and now belongs to Ada. */
export const Success: Story = { args: { guest: 'success' } }

/** Nobody joined within 1.5 s. */
export const Expired: Story = { args: { options: { expiresIn: 1500 } } }

/** The phone cancelled after connecting. */
export const Cancelled: Story = { args: { guest: 'cancel' } }

/** Three wrong codes on the phone. */
export const TooManyAttempts: Story = { args: { guest: 'too-many-attempts' } }
