// @vitest-environment jsdom
// Issue 15's flow fixes on the guest side: the guest sees who invited it and to which space
// before typing the code, a new device is asked for its name (listed under it on both devices),
// and a dead link says so within seconds. Real engine clients, in-process signaling.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { DeviceList, JoinDeviceDialog, JoinDialog } from '../../src/ui/index.ts'
import { expectNoAxeViolations } from './axe.ts'
import { closePeers, link, MemorySignalingHub, peer, typeDigits, until, withClient } from './engine.tsx'

afterEach(async () => {
  cleanup()
  await closePeers()
})

async function enterPin(dialog: HTMLElement, code: string) {
  ;(within(dialog).getByRole('textbox', { name: 'Authorization code' }) as HTMLInputElement).focus()
  await act(async () => {
    typeDigits(code)
  })
}

describe('the guest sees who invited it', () => {
  it('"Ada invited you to Board." on the code step, as text even when the names hold markup', async () => {
    const hub = new MemorySignalingHub()
    const ada = await peer(hub, 'ada', 'Ada <img src=x onerror=alert(1)>')
    const bob = await peer(hub, 'bob', 'Bob')
    link(ada, bob)
    const space = await ada.createSpace({ name: 'Board' })
    const invitation = space.createInvitation()
    render(withClient(bob, <JoinDialog defaultOpen defaultCode={invitation.code} />))
    const dialog = screen.getByRole('dialog', { name: 'Join a space' })
    await within(dialog).findByRole('group', { name: 'Authorization code' })
    const line = await within(dialog).findByText('Ada <img src=x onerror=alert(1)> invited you to Board.')
    expect(line.getAttribute('data-part')).toBe('invited-by')
    expect(dialog.querySelector('img[src="x"]')).toBeNull()
    await expectNoAxeViolations(document.body)
    invitation.cancel()
  })
})

describe('a dead link fails fast', () => {
  it('a cancelled invitation: "This invitation is no longer open", with a way to try another code', async () => {
    const hub = new MemorySignalingHub()
    const ada = await peer(hub, 'ada', 'Ada')
    const bob = await peer(hub, 'bob', 'Bob')
    const invitation = (await ada.createSpace({ name: 'Board' })).createInvitation()
    invitation.cancel()
    render(withClient(bob, <JoinDialog defaultOpen defaultCode={invitation.code} />))
    const dialog = screen.getByRole('dialog', { name: 'Join a space' })
    // The join timeout is 30 s; only the fast path can answer within this wait.
    await within(dialog).findByRole('heading', { name: 'This invitation is no longer open' }, { timeout: 8000 })
    expect(within(dialog).getByText(/It was used or cancelled, or the person who invited you closed it or went offline\./)).toBeTruthy()
    expect(within(dialog).getByRole('button', { name: 'Enter another code' })).toBeTruthy()
    await expectNoAxeViolations(document.body)
  })
})

describe('a new device is asked for its name', () => {
  async function devices() {
    const hub = new MemorySignalingHub()
    const laptop = await peer(hub, 'laptop', 'Ada')
    const phone = await peer(hub, 'phone')
    link(laptop, phone)
    return { laptop, phone }
  }

  it('pasting the code: the name goes with it, and both device lists show it', async () => {
    const { laptop, phone } = await devices()
    const invitation = laptop.createDeviceInvitation()
    render(
      <>
        {withClient(phone, <JoinDeviceDialog defaultOpen />)}
        <section aria-label="laptop">{withClient(laptop, <DeviceList />)}</section>
      </>,
    )
    const dialog = screen.getByRole('dialog', { name: 'Link this device' })
    fireEvent.change(within(dialog).getByLabelText('Invitation code or link'), { target: { value: invitation.code } })
    const name = within(dialog).getByLabelText('Name of this device') as HTMLInputElement
    expect(name.maxLength).toBe(64)
    expect(name.getAttribute('aria-describedby')).toBe(within(dialog).getByText(/Shown in your list of devices/).id)
    fireEvent.change(name, { target: { value: 'Phone' } })
    await expectNoAxeViolations(document.body)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Join' }))
    await within(dialog).findByRole('group', { name: 'Authorization code' })
    // Asked once: the code step does not ask again.
    expect(within(dialog).queryByLabelText('Name of this device')).toBeNull()
    expect(within(dialog).getByText('Linking this device to Ada.')).toBeTruthy()
    await until(invitation, (i) => !!i.authCode)
    await enterPin(dialog, invitation.authCode!)
    await within(dialog).findByRole('heading', { name: 'This device now belongs to Ada' }, { timeout: 8000 })
    const laptopList = screen.getByRole('region', { name: 'laptop' })
    await within(laptopList).findByText('Phone', { selector: '[data-part="name"]' })
    expect(laptop.devices.find((d) => !d.current)?.label).toBe('Phone')
  })

  it('arriving by link: the name field is on the code step, the code entry keeps the focus', async () => {
    const { laptop, phone } = await devices()
    const invitation = laptop.createDeviceInvitation()
    render(withClient(phone, <JoinDeviceDialog defaultOpen defaultCode={invitation.code} />))
    const dialog = screen.getByRole('dialog', { name: 'Link this device' })
    await within(dialog).findByRole('group', { name: 'Authorization code' })
    expect(document.activeElement).toBe(within(dialog).getByRole('textbox', { name: 'Authorization code' }))
    fireEvent.change(within(dialog).getByLabelText('Name of this device'), { target: { value: '  Work\u0007 laptop ' } })
    await expectNoAxeViolations(document.body)
    await until(invitation, (i) => !!i.authCode)
    await enterPin(dialog, invitation.authCode!)
    await within(dialog).findByRole('heading', { name: 'This device now belongs to Ada' }, { timeout: 8000 })
    expect(laptop.devices.find((d) => !d.current)?.label).toBe('Work laptop')
    // The new device lists itself under that name too (the identity's device list syncs).
    cleanup()
    render(withClient(phone, <DeviceList />))
    await screen.findByText('Work laptop', { selector: '[data-part="name"]' }, { timeout: 8000 })
  })
})
