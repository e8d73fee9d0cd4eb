import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, screen, userEvent, within } from 'storybook/test'
import { EchoProvider } from '../src/index.ts'
import { JoinDialog, type JoinDialogProps } from '../src/ui/index.ts'
import { hostOf, rememberHost, Scenario, sleep, until, wrongCode } from './support/Scenario.tsx'

type GuestStoryProps = JoinDialogProps & {
  /** Ada creates a real invitation and Bob's dialog opens with its link. */
  invite?: boolean
  /** What Ada does once Bob is connected ('gone': she cancelled before Bob opened the link). */
  host?: 'wait' | 'cancel' | 'gone'
  /** Lifetime of Ada's invitation in ms. */
  expiresIn?: number
  /** Whether Bob has an identity yet (joining a space needs one). */
  identity?: boolean
  storyId?: string
}

// Bob (the viewer) joins Ada's "Team board"; Ada is a real client whose invitation is made
// and handled in code.
function GuestStory({ invite = false, host = 'wait', expiresIn, identity = true, storyId = '', ...props }: GuestStoryProps) {
  return (
    <Scenario
      setup={async (p) => {
        const ada = await p.peer('ada', 'Ada')
        const bob = await p.peer('bob', identity ? 'Bob' : undefined)
        p.link(ada, bob)
        const space = await ada.createSpace({ name: 'Team board' })
        if (!invite) return { bob, code: undefined }
        const invitation = space.createInvitation({ expiresIn })
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
        return { bob, code: invitation.code }
      }}
    >
      {({ bob, code }) => (
        <EchoProvider client={bob}>
          <JoinDialog defaultCode={code ? `https://echo-kit.example/#join=${code}` : undefined} {...props} />
        </EchoProvider>
      )}
    </Scenario>
  )
}

const meta = {
  title: 'Invitations/JoinDialog',
  component: GuestStory,
  render: (args, context) => <GuestStory key={context.id} {...args} storyId={context.id} />,
  args: { defaultOpen: true, onJoined: fn(), onOpenChange: fn() },
} satisfies Meta<typeof GuestStory>

export default meta
type Story = StoryObj<typeof meta>

async function pinCells() {
  const dialog = await screen.findByRole('dialog', {}, { timeout: 8000 })
  await within(dialog).findByRole('group', { name: 'Authorization code' }, { timeout: 8000 })
  return dialog
}

async function typeCode(dialog: HTMLElement, code: string) {
  await userEvent.click(within(dialog).getByRole('textbox', { name: 'Authorization code' }))
  await userEvent.keyboard(code)
}

/** Only the trigger. */
export const Closed: Story = { args: { defaultOpen: false } }

/** The field for a code or link. */
export const CodeEntry: Story = {}

/** A code that is not one, refused before anything connects. */
export const InvalidCode: Story = {
  play: async () => {
    const dialog = await screen.findByRole('dialog', {}, { timeout: 8000 })
    await userEvent.type(within(dialog).getByLabelText('Invitation code or link'), 'https://echo-kit.example/#join=not-a-code')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Join' }))
    await expect(within(dialog).getByRole('alert')).toHaveTextContent('This invitation code is not valid')
  },
}

/** Bob has no identity yet, so he cannot join a space. */
export const NoIdentity: Story = { args: { invite: true, identity: false } }

/** Bob opened Ada's link: connected, Ada's invitation names her and the space, the PIN entry is focused. */
export const ReadyForAuth: Story = {
  args: { invite: true },
  play: async () => {
    const dialog = await pinCells()
    await expect(await within(dialog).findByText('Ada invited you to Team board.')).toBeVisible()
  },
}

/** A dead link: Ada cancelled the invitation before Bob opened it; nobody holds it, said within seconds. */
export const DeadLink: Story = {
  args: { invite: true, host: 'gone' },
  play: async () => {
    const dialog = await screen.findByRole('dialog', {}, { timeout: 8000 })
    await within(dialog).findByRole('heading', { name: 'This invitation is no longer open' }, { timeout: 8000 })
  },
}

/** Bob typed a wrong code: 2 attempts left. */
export const WrongCode: Story = {
  args: { invite: true },
  play: async ({ id }) => {
    const dialog = await pinCells()
    const host = await hostOf(id)
    await typeCode(dialog, wrongCode(host.authCode))
    await expect(await within(dialog).findByRole('alert', {}, { timeout: 5000 })).toHaveTextContent('2 attempts left')
  },
}

/** Three wrong codes: the invitation is closed. */
export const TooManyAttempts: Story = {
  args: { invite: true },
  play: async ({ id }) => {
    const dialog = await pinCells()
    const host = await hostOf(id)
    for (const left of ['2 attempts left', '1 attempt left']) {
      await typeCode(dialog, wrongCode(host.authCode))
      await within(dialog).findByText(new RegExp(left), {}, { timeout: 5000 })
    }
    await typeCode(dialog, wrongCode(host.authCode))
    await within(dialog).findByRole('heading', { name: 'Too many wrong codes' }, { timeout: 5000 })
  },
}

/** Ada cancelled while Bob was entering the code. */
export const HostCancelled: Story = { args: { invite: true, host: 'cancel' } }

/** Ada's invitation ran out (2 s) while Bob was entering the code. */
export const Expired: Story = { args: { invite: true, expiresIn: 2000 } }

/** Bob typed the code Ada reads out, and joined. */
export const Success: Story = {
  args: { invite: true },
  play: async ({ id }) => {
    const dialog = await pinCells()
    const host = await hostOf(id)
    await typeCode(dialog, host.authCode!)
    await within(dialog).findByRole('heading', { name: 'You joined Team board' }, { timeout: 8000 })
  },
}
