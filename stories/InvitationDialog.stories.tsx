import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, screen, userEvent, within } from 'storybook/test'
import { EchoProvider } from '../src/index.ts'
import { InvitationDialog, type InvitationDialogProps } from '../src/ui/index.ts'
import { guestDriver, Scenario, type GuestStep } from './support/Scenario.tsx'

type HostStoryProps = Omit<InvitationDialogProps, 'space'> & {
  /** What Bob (a real client on the same in-memory network) does with the invitation. */
  guest: GuestStep
}

// Ada owns "Team board" and opens the dialog; Bob is a real second client whose actions are
// scripted by `guest`.
function HostStory({ guest, ...props }: HostStoryProps) {
  return (
    <Scenario
      key={guest}
      setup={async (p) => {
        const ada = await p.peer('ada', 'Ada')
        const bob = await p.peer('bob', 'Bob')
        p.link(ada, bob)
        const space = await ada.createSpace({ name: 'Team board' })
        return { ada, space, onInvitation: guestDriver(bob, guest, p.signal) }
      }}
    >
      {({ ada, space, onInvitation }) => (
        <EchoProvider client={ada}>
          <InvitationDialog space={space} onInvitation={onInvitation} {...props} />
        </EchoProvider>
      )}
    </Scenario>
  )
}

const meta = {
  title: 'Invitations/InvitationDialog',
  component: HostStory,
  args: { guest: 'none', defaultOpen: true, linkBase: 'https://echo-kit.example/' },
  argTypes: { guest: { control: 'select', options: ['none', 'connect', 'wrong-code', 'too-many-attempts', 'success', 'cancel'] } },
} satisfies Meta<typeof HostStory>

export default meta
type Story = StoryObj<typeof meta>

/** Only the trigger; press it to create an invitation. */
export const Closed: Story = { args: { defaultOpen: false } }

/** Waiting for a guest: QR code, link and code, each with a Copy button. */
export const Waiting: Story = {}

/** Bob opened the invitation: the 6-digit code to tell him, in digits and as a QR code. */
export const ReadyForAuth: Story = { args: { guest: 'connect' } }

/** Bob typed a wrong code once: 2 attempts left. */
export const WrongCode: Story = { args: { guest: 'wrong-code' } }

/** Bob typed the right code and joined. */
export const Success: Story = { args: { guest: 'success' } }

/** Nobody joined within 1.5 s (the invitation's expiresIn). */
export const Expired: Story = { args: { options: { expiresIn: 1500 } } }

/** Ada pressed "Cancel invitation". */
export const Cancelled: Story = {
  play: async () => {
    const dialog = await screen.findByRole('dialog', {}, { timeout: 5000 })
    await userEvent.click(await within(dialog).findByRole('button', { name: 'Cancel invitation' }, { timeout: 5000 }))
    // In the document, not "visible": a page in the background may hold the opening fade at opacity 0.
    await expect(await within(dialog).findByRole('heading', { name: 'Invitation cancelled' })).toBeInTheDocument()
    await expect(dialog).toHaveAttribute('data-state', 'open')
  },
}

/** Bob cancelled after connecting. */
export const GuestCancelled: Story = { args: { guest: 'cancel' } }

/** Bob typed three wrong codes: the invitation is closed. */
export const TooManyAttempts: Story = { args: { guest: 'too-many-attempts' } }
