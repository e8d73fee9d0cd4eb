// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DeviceList } from '../../src/ui/index.ts'
import { expectNoAxeViolations } from './axe.ts'
import { addDevice, closePeers, link, MemorySignalingHub, peer, withClient } from './engine.tsx'

afterEach(async () => {
  cleanup()
  await closePeers()
})

const rows = () => within(screen.getByRole('list', { name: 'Devices' })).getAllByRole('listitem')

async function twoDevices() {
  const hub = new MemorySignalingHub()
  const laptop = await peer(hub, 'laptop', 'Ada')
  const phone = await peer(hub, 'phone')
  link(laptop, phone)
  await addDevice(laptop, phone)
  return { laptop, phone }
}

describe('DeviceList', () => {
  it('one device: marked as this device, nothing to revoke', async () => {
    const laptop = await peer(new MemorySignalingHub(), 'laptop', 'Ada')
    render(withClient(laptop, <main><DeviceList /></main>))
    expect(rows()).toHaveLength(1)
    expect(rows()[0]!.textContent).toBe(`Device ${laptop.identity!.deviceKey.slice(0, 8)}(this device)Key ${laptop.identity!.deviceKey.slice(0, 16)}…`)
    expect(screen.queryByRole('button')).toBeNull()
    expect(screen.getByText('1 device')).toBeTruthy()
    await expectNoAxeViolations(document.body)
  })

  it('Revoke asks first, then revokes the other device, announces it and focuses the list', async () => {
    const { laptop, phone } = await twoDevices()
    const onRevoked = vi.fn()
    render(withClient(laptop, <main><DeviceList onRevoked={onRevoked} /></main>))
    await waitFor(() => expect(rows()).toHaveLength(2))
    expect(within(rows()[0]!).queryByRole('button')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Revoke phone' }))
    const confirm = screen.getByRole('group', { name: 'Revoke phone? It will stop syncing your data.' })
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Keep' }))
    await expectNoAxeViolations(document.body)
    fireEvent.click(within(confirm).getByRole('button', { name: 'Revoke phone' }))
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('phone was revoked. It can no longer sync your data.'))
    expect(rows()).toHaveLength(1)
    expect(laptop.isRevoked(phone.identity!.deviceKey)).toBe(true)
    expect(document.activeElement).toBe(screen.getByRole('list', { name: 'Devices' }))
    expect(onRevoked).toHaveBeenCalledWith(expect.objectContaining({ deviceKey: phone.identity!.deviceKey }))
    await expectNoAxeViolations(document.body)
  })

  it('a device that may not revoke sees the list without Revoke buttons', async () => {
    const { phone } = await twoDevices()
    render(withClient(phone, <main><DeviceList /></main>))
    await waitFor(() => expect(rows()).toHaveLength(2))
    // Only the device holding the identity key may revoke (the engine refuses the others).
    expect(phone.canManageDevices).toBe(false)
    expect(screen.queryByRole('button', { name: /^Revoke/ })).toBeNull()
    await expectNoAxeViolations(document.body)
  })
})
