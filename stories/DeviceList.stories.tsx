import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, screen, userEvent, within } from 'storybook/test'
import { EchoProvider } from '../src/index.ts'
import { DeviceList, type DeviceListProps } from '../src/ui/index.ts'
import { addDevice, Scenario } from './support/Scenario.tsx'

type DeviceListStoryProps = DeviceListProps & {
  /** Ada's other devices, each added with a real device invitation. */
  others: ('phone' | 'tablet')[]
  /** Whose screen: the laptop that created the identity, or the phone. */
  viewer: 'laptop' | 'phone'
}

function DeviceListStory({ others, viewer, ...props }: DeviceListStoryProps) {
  return (
    <Scenario
      key={`${viewer}:${others.join()}`}
      setup={async (p) => {
        const laptop = await p.peer('laptop', 'Ada')
        const clients = { laptop, phone: laptop }
        for (const name of others) {
          const device = await p.peer(name)
          p.link(laptop, device)
          await addDevice(laptop, device, p.signal)
          if (name === 'phone') clients.phone = device
        }
        const client = clients[viewer]
        while (client.devices.length < others.length + 1) await new Promise((r) => setTimeout(r, 50))
        return { client }
      }}
    >
      {({ client }) => (
        <EchoProvider client={client}>
          <main style={{ width: 'min(26rem, 90vw)' }}>
            <h2 style={{ margin: '0 0 0.5rem', fontSize: '1.125rem' }}>Your devices</h2>
            <DeviceList {...props} />
          </main>
        </EchoProvider>
      )}
    </Scenario>
  )
}

const meta = {
  title: 'Lists/DeviceList',
  component: DeviceListStory,
  args: { others: ['phone', 'tablet'], viewer: 'laptop', onRevoked: fn() },
  argTypes: { viewer: { control: 'inline-radio', options: ['laptop', 'phone'] } },
} satisfies Meta<typeof DeviceListStory>

export default meta
type Story = StoryObj<typeof meta>

/** A fresh identity: only this device. */
export const SingleDevice: Story = { args: { others: [] } }

/** The laptop's view of three devices: Revoke for the other two. */
export const SeveralDevices: Story = {}

/** The confirm step after pressing "Revoke" next to the phone. */
export const ConfirmRevoke: Story = {
  play: async () => {
    await userEvent.click(await screen.findByRole('button', { name: 'Revoke phone' }, { timeout: 8000 }))
    await expect(screen.getByRole('group')).toBeVisible()
  },
}

/** The phone was revoked and left the list. */
export const Revoked: Story = {
  play: async () => {
    await userEvent.click(await screen.findByRole('button', { name: 'Revoke phone' }, { timeout: 8000 }))
    await userEvent.click(within(screen.getByRole('group')).getByRole('button', { name: 'Revoke phone' }))
    await screen.findByText('2 devices', {}, { timeout: 5000 })
  },
}

/** On the phone: the list without Revoke buttons (only the identity's first device may revoke). */
export const NotManager: Story = {
  args: { viewer: 'phone', others: ['phone'] },
  play: async () => {
    await screen.findByText('2 devices', {}, { timeout: 8000 })
    await expect(screen.queryByRole('button', { name: /^Revoke/ })).toBeNull()
  },
}
