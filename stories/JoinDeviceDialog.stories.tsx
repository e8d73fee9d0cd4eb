import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, screen, userEvent, within } from 'storybook/test'
import { EchoProvider } from '../src/index.ts'
import { JoinDeviceDialog, type JoinDeviceDialogProps } from '../src/ui/index.ts'
import { hostOf, rememberHost, Scenario, sleep, until, wrongCode } from './support/Scenario.tsx'

type NewDeviceStoryProps = JoinDeviceDialogProps & {
  /** Ada's laptop creates a real device invitation and this dialog opens with its code. */
  invite?: boolean
  /** What the laptop does once this device is connected ('gone': it cancelled before the link was opened). */
  host?: 'wait' | 'cancel' | 'gone'
  /** Lifetime of the invitation in ms. */
  expiresIn?: number
  storyId?: string
}

// This (new) device, without identity, joins Ada's identity; her laptop is a real client.
function NewDeviceStory({ invite = false, host = 'wait', expiresIn, storyId = '', ...props }: NewDeviceStoryProps) {
  return (
    <Scenario
      setup={async (p) => {
        const laptop = await p.peer('laptop', 'Ada')
        const phone = await p.peer('phone')
        p.link(laptop, phone)
        await laptop.createSpace({ name: 'Recipes' })
        if (!invite) return { phone, code: undefined }
        const invitation = laptop.createDeviceInvitation({ expiresIn })
        p.signal.addEventListener('abort', () => invitation.cancel())
        if (p.signal.aborted) throw new Error('aborted')
        rememberHost(storyId, invitation)
        if (host === 'gone') invitation.cancel()
        if (host === 'cancel') {
          void until(invitation, (i) => i.state === 'ready-for-auth', p.signal)
            .then(() => sleep(600))
            .then(() => invitation.cancel())
            .catch(() => {})
        }
        return { phone, code: invitation.code }
      }}
    >
      {({ phone, code }) => (
        <EchoProvider client={phone}>
          <JoinDeviceDialog defaultCode={code} {...props} />
        </EchoProvider>
      )}
    </Scenario>
  )
}

const meta = {
  title: 'Invitations/JoinDeviceDialog',
  component: NewDeviceStory,
  render: (args, context) => <NewDeviceStory key={context.id} {...args} storyId={context.id} />,
  args: { defaultOpen: true, onJoined: fn(), onOpenChange: fn() },
} satisfies Meta<typeof NewDeviceStory>

export default meta
type Story = StoryObj<typeof meta>

async function typeCode(code: (authCode: string | undefined) => string, id: string) {
  const dialog = await screen.findByRole('dialog', {}, { timeout: 8000 })
  await within(dialog).findByRole('group', { name: 'Authorization code' }, { timeout: 8000 })
  const host = await hostOf(id)
  await userEvent.click(within(dialog).getByRole('textbox', { name: 'Authorization code' }))
  await userEvent.keyboard(code(host.authCode))
  return dialog
}

/** Only the trigger. */
export const Closed: Story = { args: { defaultOpen: false } }

/** The field for the device invitation, and the new device's name. */
export const CodeEntry: Story = {}

/** Came by link and connected to the laptop: the device's name is asked here, the PIN entry is focused. */
export const ReadyForAuth: Story = { args: { invite: true } }

/** A dead link: the laptop cancelled the invitation before this device opened it. */
export const DeadLink: Story = {
  args: { invite: true, host: 'gone' },
  play: async () => {
    const dialog = await screen.findByRole('dialog', {}, { timeout: 8000 })
    await within(dialog).findByRole('heading', { name: 'This invitation is no longer open' }, { timeout: 8000 })
  },
}

/** A wrong code: 2 attempts left. */
export const WrongCode: Story = {
  args: { invite: true },
  play: async ({ id }) => {
    const dialog = await typeCode(wrongCode, id)
    await expect(await within(dialog).findByRole('alert', {}, { timeout: 5000 })).toHaveTextContent('2 attempts left')
  },
}

/** The laptop cancelled the invitation. */
export const HostCancelled: Story = { args: { invite: true, host: 'cancel' } }

/** The invitation ran out (2 s). */
export const Expired: Story = { args: { invite: true, expiresIn: 2000 } }

/** Named "Phone", then the right code: this device now belongs to Ada and receives her spaces. */
export const Success: Story = {
  args: { invite: true },
  play: async ({ id }) => {
    const named = await screen.findByRole('dialog', {}, { timeout: 8000 })
    const name = await within(named).findByLabelText('Name of this device', {}, { timeout: 8000 })
    await userEvent.clear(name)
    await userEvent.type(name, 'Phone')
    const dialog = await typeCode((code) => code!, id)
    await within(dialog).findByRole('heading', { name: 'This device now belongs to Ada' }, { timeout: 8000 })
  },
}
