// @vitest-environment jsdom
// Issue 15's flow fixes on the guest side: the guest sees who invited it and to which space
// before typing the code, a new device is asked for its name (listed under it on both devices),
// and a dead link says so within seconds. Real engine clients, in-process signaling.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DeviceList, EchoUIProvider, JoinDeviceDialog, JoinDialog, messagesDe } from '../../src/ui/index.ts'
import { guessDevice } from '../../src/ui/guessDevice.ts'
import { expectNoAxeViolations } from './axe.ts'
import { closePeers, link, MemorySignalingHub, peer, typeDigits, until, withClient } from './engine.tsx'

afterEach(async () => {
  vi.restoreAllMocks()
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

describe('the suggested device name', () => {
  it('reads browser and system from the user agent, most specific first; unknown gives none', () => {
    const ua = {
      chromeLinux: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
      edgeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
      safariIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      firefoxAndroid: 'Mozilla/5.0 (Android 14; Mobile; rv:127.0) Gecko/127.0 Firefox/127.0',
    }
    expect(guessDevice(ua.chromeLinux)).toEqual({ browser: 'Chrome', system: 'Linux' })
    expect(guessDevice(ua.edgeWindows)).toEqual({ browser: 'Edge', system: 'Windows' })
    expect(guessDevice(ua.safariIphone)).toEqual({ browser: 'Safari', system: 'iPhone' })
    expect(guessDevice(ua.firefoxAndroid)).toEqual({ browser: 'Firefox', system: 'Android' })
    expect(guessDevice('Mozilla/5.0 (linux) AppleWebKit/537.36 (KHTML, like Gecko) jsdom/26.1.0')).toBeUndefined()
    expect(guessDevice('')).toBeUndefined()
  })

  it('starts the name field, in the words of the messages; what the user leaves there names the device', async () => {
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue('Mozilla/5.0 (Android 14; Mobile; rv:127.0) Gecko/127.0 Firefox/127.0')
    const hub = new MemorySignalingHub()
    const laptop = await peer(hub, 'laptop', 'Ada')
    const phone = await peer(hub, 'demo')
    const invitation = laptop.createDeviceInvitation()
    render(withClient(phone, <EchoUIProvider messages={messagesDe}><JoinDeviceDialog defaultOpen defaultCode={invitation.code} /></EchoUIProvider>))
    const dialog = screen.getByRole('dialog', { name: 'Dieses Gerät verknüpfen' })
    await within(dialog).findByRole('group', { name: 'Bestätigungscode' })
    expect((within(dialog).getByLabelText('Name dieses Geräts') as HTMLInputElement).value).toBe('Firefox auf Android')
    await until(invitation, (i) => !!i.authCode)
    ;(within(dialog).getByRole('textbox', { name: 'Bestätigungscode' }) as HTMLInputElement).focus()
    await act(async () => {
      typeDigits(invitation.authCode!)
    })
    await within(dialog).findByRole('heading', { name: 'Dieses Gerät gehört jetzt zu Ada' }, { timeout: 8000 })
    // Not the app's internal client name ('demo').
    expect(laptop.devices.find((d) => !d.current)?.label).toBe('Firefox auf Android')
  })
})
