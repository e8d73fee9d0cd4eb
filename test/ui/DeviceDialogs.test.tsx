// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Invitation } from '../../src/index.ts'
import { DeviceInvitationDialog, JoinDeviceDialog } from '../../src/ui/index.ts'
import { expectNoAxeViolations } from './axe.ts'
import { addDevice, closePeers, link, MemorySignalingHub, peer, typeDigits, until, withClient, wrongCode } from './engine.tsx'

afterEach(async () => {
  cleanup()
  await closePeers()
})

async function devices() {
  const hub = new MemorySignalingHub()
  const laptop = await peer(hub, 'laptop', 'Ada')
  const phone = await peer(hub, 'phone')
  link(laptop, phone)
  return { laptop, phone }
}

const stateOf = (dialog: HTMLElement) => dialog.querySelector('[data-echo-panel]')!.getAttribute('data-state')

describe('DeviceInvitationDialog (host) states', () => {
  it('waiting → too many attempts, in device wording', async () => {
    const { laptop, phone } = await devices()
    const made: Invitation[] = []
    render(withClient(laptop, <DeviceInvitationDialog defaultOpen onInvitation={(i) => made.push(i)} />))
    const dialog = screen.getByRole('dialog', { name: 'Add a device' })
    await waitFor(() => expect(stateOf(dialog)).toBe('connecting'))
    expect(within(dialog).getByText(/for one device\. Open it on the new device\.$/)).toBeTruthy()
    const joining = phone.join(made[0]!.code)
    await until(made[0]!, (i) => !!i.authCode)
    await within(dialog).findByRole('group', { name: 'Enter this code on your new device.' })
    for (let n = 0; n < 3; n++) {
      await act(async () => {
        await joining.authenticate(wrongCode(made[0]!.authCode!))
      })
    }
    await within(dialog).findByRole('heading', { name: 'Too many wrong codes' })
    expect(within(dialog).getByText(/to keep your identity safe/)).toBeTruthy()
    await expectNoAxeViolations(document.body)
  })

  it('the new device cancelling leaves the invitation open for another try (only the host ends it)', async () => {
    const { laptop, phone } = await devices()
    const made: Invitation[] = []
    render(withClient(laptop, <DeviceInvitationDialog defaultOpen onInvitation={(i) => made.push(i)} />))
    const dialog = screen.getByRole('dialog', { name: 'Add a device' })
    await waitFor(() => expect(made).toHaveLength(1))
    const joining = phone.join(made[0]!.code)
    await until(joining, (j) => j.state === 'ready-for-auth')
    act(() => joining.cancel())
    await waitFor(() => expect(made[0]!.state).toBe('connecting'))
    expect(made[0]!.error?.code).toBe('CANCELLED')
    expect(within(dialog).queryByRole('heading', { name: 'Invitation cancelled' })).toBeNull()
  })
})

describe('JoinDeviceDialog (guest) states', () => {
  it('code entry, and a space invitation pasted by mistake', async () => {
    const { laptop, phone } = await devices()
    render(withClient(phone, <JoinDeviceDialog />))
    fireEvent.click(screen.getByRole('button', { name: 'Link this device' }))
    const dialog = screen.getByRole('dialog', { name: 'Link this device' })
    expect(within(dialog).getByText('Create a device invitation on your other device and paste it here.')).toBeTruthy()
    await expectNoAxeViolations(document.body)
    const spaceInvitation = (await laptop.createSpace({ name: 'Team' })).createInvitation()
    fireEvent.change(within(dialog).getByLabelText('Invitation code or link'), { target: { value: spaceInvitation.code } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Join' }))
    expect(within(dialog).getByRole('alert').textContent).toBe('This is an invitation to a space, not a device invitation. Join the space instead.')
    spaceInvitation.cancel()
  })

  it('PIN entry, a wrong code with attempts left, then expiry', async () => {
    const { laptop, phone } = await devices()
    const invitation = laptop.createDeviceInvitation({ expiresIn: 2500 })
    render(withClient(phone, <JoinDeviceDialog defaultOpen defaultCode={invitation.code} />))
    const dialog = screen.getByRole('dialog', { name: 'Link this device' })
    await within(dialog).findByRole('group', { name: 'Authorization code' })
    expect(within(dialog).getByText('Enter the code shown on the other device.')).toBeTruthy()
    await until(invitation, (i) => !!i.authCode)
    await act(async () => {
      typeDigits(wrongCode(invitation.authCode!))
    })
    expect((await within(dialog).findByRole('alert')).textContent).toBe('That code is not right. 2 attempts left.')
    await expectNoAxeViolations(document.body)
    await within(dialog).findByRole('heading', { name: 'Invitation expired' }, { timeout: 5000 })
    expect(within(dialog).getByText('Create a new device invitation on your other device.')).toBeTruthy()
    expect(phone.identity).toBeNull()
    await expectNoAxeViolations(document.body)
  })
})

describe('DeviceInvitationDialog refusals', () => {
  it('a device that did not create the identity is told where to add devices', async () => {
    const { laptop, phone } = await devices()
    await addDevice(laptop, phone)
    render(withClient(phone, <DeviceInvitationDialog defaultOpen />))
    const dialog = screen.getByRole('dialog', { name: 'Add a device' })
    await within(dialog).findByRole('heading', { name: 'Invitation failed' })
    expect(within(dialog.querySelector('[data-part="result"]') as HTMLElement).getByText('Only the device that created your identity can add devices. Add the new device from there.')).toBeTruthy()
    expect(within(dialog).queryByRole('button', { name: 'New invitation' })).toBeNull()
    await expectNoAxeViolations(document.body)
  })
})
