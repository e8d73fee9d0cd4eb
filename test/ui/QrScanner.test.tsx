// @vitest-environment jsdom
// Scanning the host's 6-digit QR code: the camera's states, and a join completed by scanning.
// jsdom has no camera: getUserMedia and the detector are stand-ins for the browser's; the
// invitation, the engine and the dialogs are real.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { JoinDialog } from '../../src/ui/index.ts'
import { expectNoAxeViolations } from './axe.ts'
import { closePeers, link, MemorySignalingHub, peer, until, withClient } from './engine.tsx'

let seen: string | undefined
beforeEach(() => {
  seen = undefined
  // A platform BarcodeDetector that "sees" whatever the test puts in front of the camera.
  class FakeDetector {
    static getSupportedFormats = async () => ['qr_code']
    async detect() {
      return seen ? [{ rawValue: seen }] : []
    }
  }
  Object.defineProperty(globalThis, 'BarcodeDetector', { value: FakeDetector, configurable: true })
  Object.defineProperty(HTMLMediaElement.prototype, 'play', { value: async () => {}, configurable: true })
})

afterEach(async () => {
  cleanup()
  Reflect.deleteProperty(globalThis, 'BarcodeDetector')
  Reflect.deleteProperty(HTMLMediaElement.prototype, 'play')
  Reflect.deleteProperty(navigator, 'mediaDevices')
  await closePeers()
})

function camera(getUserMedia: () => Promise<unknown>) {
  Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true })
}

async function atPin() {
  const hub = new MemorySignalingHub()
  const ada = await peer(hub, 'ada', 'Ada')
  const bob = await peer(hub, 'bob', 'Bob')
  link(ada, bob)
  const space = await ada.createSpace({ name: 'Team' })
  const invitation = space.createInvitation()
  render(withClient(bob, <JoinDialog defaultOpen defaultCode={invitation.code} />))
  const dialog = screen.getByRole('dialog', { name: 'Join a space' })
  await within(dialog).findByRole('group', { name: 'Authorization code' })
  await until(invitation, (i) => i.state === 'ready-for-auth')
  return { dialog, invitation }
}

describe('scanning the code', () => {
  it('no camera API: no Scan button, typing only', async () => {
    const { dialog, invitation } = await atPin()
    expect(within(dialog).queryByRole('button', { name: 'Scan the code' })).toBeNull()
    invitation.cancel()
  })

  it('the camera is blocked: says so and how to go on', async () => {
    camera(async () => {
      throw new DOMException('denied', 'NotAllowedError')
    })
    const { dialog, invitation } = await atPin()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Scan the code' }))
    const status = await within(dialog).findByText('The camera is blocked. Allow it in your browser settings, or type the code.')
    expect(status.closest('[data-part="scanner"]')!.getAttribute('data-state')).toBe('denied')
    // Typing still works.
    expect(within(dialog).getByRole('textbox', { name: 'Authorization code' })).toBeTruthy()
    await expectNoAxeViolations(document.body)
    invitation.cancel()
  })

  it('no camera on the device: says so', async () => {
    camera(async () => {
      throw new DOMException('none', 'NotFoundError')
    })
    const { dialog, invitation } = await atPin()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Scan the code' }))
    expect(await within(dialog).findByText('No camera is available here. Type the code instead.')).toBeTruthy()
    invitation.cancel()
  })

  it('scanning the host QR code joins without typing, and releases the camera', async () => {
    const stop = vi.fn()
    camera(async () => ({ getTracks: () => [{ stop }] }))
    const { dialog, invitation } = await atPin()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Scan the code' }))
    expect(within(dialog).getByRole('button', { name: 'Stop scanning' }).getAttribute('aria-pressed')).toBe('true')
    await within(dialog).findByText('Point the camera at the QR code next to the 6-digit code.')
    // Something else in view first (ignored), then the host's code.
    seen = 'https://example.com'
    await act(() => new Promise((r) => setTimeout(r, 300)))
    expect(invitation.state).toBe('ready-for-auth')
    seen = invitation.authCode!
    await within(dialog).findByRole('heading', { name: 'You joined Team' }, { timeout: 5000 })
    expect(invitation.state).toBe('success')
    expect(stop).toHaveBeenCalled()
  })
})
