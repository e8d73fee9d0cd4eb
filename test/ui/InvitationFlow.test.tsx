// @vitest-environment jsdom
// The whole invitation done through the two dialogs, as two people would: the host's dialog in
// one React tree, the guest's in another, the code read off the host's screen.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { StrictMode } from 'react'
import { afterEach, expect, it, vi } from 'vitest'
import type { Invitation, Space } from '../../src/index.ts'
import { DeviceInvitationDialog, DeviceList, InvitationDialog, JoinDeviceDialog, JoinDialog } from '../../src/ui/index.ts'
import { expectNoAxeViolations } from './axe.ts'
import { authCodeShownIn, closePeers, link, MemorySignalingHub, peer, typeDigits, withClient } from './engine.tsx'

afterEach(async () => {
  cleanup()
  await closePeers()
})

const stateOf = (dialog: HTMLElement) => dialog.querySelector('[data-echo-panel]')!.getAttribute('data-state')

it('space: host and guest dialogs run the flow end to end; both show success and the space syncs', async () => {
  const hub = new MemorySignalingHub()
  const ada = await peer(hub, 'ada', 'Ada')
  const bob = await peer(hub, 'bob', 'Bob')
  link(ada, bob)
  const space = await ada.createSpace({ name: 'Groceries' })
  space.db.add({ '@type': 'item', title: 'Milk' })
  await space.flush()

  // Ada's screen.
  render(withClient(ada, <InvitationDialog space={space} />))
  fireEvent.click(screen.getByRole('button', { name: 'Invite' }))
  const host = screen.getByRole('dialog', { name: 'Invite to Groceries' })
  await waitFor(() => expect(stateOf(host)).toBe('connecting'))
  const sharedLink = (within(host).getByLabelText('Invitation link') as HTMLInputElement).value

  // Bob's screen: he pastes the link Ada sent him.
  const onJoined = vi.fn<(space: Space) => void>()
  render(withClient(bob, <JoinDialog onJoined={onJoined} />))
  fireEvent.click(screen.getByRole('button', { name: 'Join a space' }))
  const guest = screen.getByRole('dialog', { name: 'Join a space' })
  fireEvent.change(within(guest).getByLabelText('Invitation code or link'), { target: { value: sharedLink } })
  fireEvent.click(within(guest).getByRole('button', { name: 'Join' }))

  // Both sides meet: Ada sees the code, Bob the PIN entry (focused).
  await waitFor(() => expect(stateOf(host)).toBe('ready-for-auth'))
  await within(guest).findByRole('group', { name: 'Authorization code' })
  expect(document.activeElement).toBe(within(guest).getByRole('textbox', { name: 'Authorization code' }))
  const code = authCodeShownIn(host)
  expect(code).toMatch(/^\d{6}$/)

  // Ada reads the code out; Bob types it.
  await act(async () => {
    typeDigits(code)
  })
  await within(guest).findByRole('heading', { name: 'You joined Groceries' })
  await within(host).findByRole('heading', { name: 'Bob joined Groceries' })
  expect(stateOf(host)).toBe('success')
  expect(stateOf(guest)).toBe('success')
  expect(space.members.map((m) => m.displayName).sort()).toEqual(['Ada', 'Bob'])
  await expectNoAxeViolations(guest)
  await expectNoAxeViolations(host)

  fireEvent.click(within(guest).getByRole('button', { name: 'Open space' }))
  expect(onJoined).toHaveBeenCalledTimes(1)
  const bobsSpace = onJoined.mock.calls[0]![0]
  expect(bobsSpace.id).toBe(space.id)
  // Data written before the invitation has arrived, and new writes flow both ways.
  await waitFor(() => expect(bobsSpace.db.query({ '@type': 'item' }).objects.map((o) => o.title)).toEqual(['Milk']))
  bobsSpace.db.add({ '@type': 'item', title: 'Bread' })
  await waitFor(() => expect(space.db.query({ '@type': 'item' }).objects.map((o) => o.title).sort()).toEqual(['Bread', 'Milk']))
})

it('device: the new device joins the identity through the dialogs and then lists both devices', async () => {
  const hub = new MemorySignalingHub()
  const laptop = await peer(hub, 'laptop', 'Ada')
  const phone = await peer(hub, 'phone')
  link(laptop, phone)
  const notes = await laptop.createSpace({ name: 'Notes' })

  render(withClient(laptop, <DeviceInvitationDialog />))
  fireEvent.click(screen.getByRole('button', { name: 'Add a device' }))
  const host = screen.getByRole('dialog', { name: 'Add a device' })
  await waitFor(() => expect(stateOf(host)).toBe('connecting'))
  expect(within(host).getByText('Waiting for your new device to connect…')).toBeTruthy()
  const code = (within(host).getByLabelText('Invitation code') as HTMLInputElement).value
  await expectNoAxeViolations(host)

  const onJoined = vi.fn()
  render(withClient(phone, <JoinDeviceDialog defaultOpen defaultCode={code} onJoined={onJoined} />))
  const guest = screen.getByRole('dialog', { name: 'Link this device' })
  await within(guest).findByRole('group', { name: 'Authorization code' })
  await waitFor(() => expect(stateOf(host)).toBe('ready-for-auth'))
  expect(within(host).getByText('Enter this code on your new device.')).toBeTruthy()
  await expectNoAxeViolations(host)
  await expectNoAxeViolations(guest)

  within(guest).getByRole('textbox', { name: 'Authorization code' }).focus()
  await act(async () => {
    typeDigits(authCodeShownIn(host))
  })
  await within(guest).findByRole('heading', { name: 'This device now belongs to Ada' })
  await within(host).findByRole('heading', { name: '“phone” was added to your devices' })
  expect(phone.identity?.identityKey).toBe(laptop.identity?.identityKey)
  await expectNoAxeViolations(guest)
  fireEvent.click(within(guest).getByRole('button', { name: 'Done' }))
  expect(onJoined).toHaveBeenCalledWith(phone.identity)
  // The identity's spaces come to the new device.
  await waitFor(() => expect(phone.getSpace(notes.id)?.name).toBe('Notes'))

  cleanup()
  render(withClient(laptop, <DeviceList />))
  const list = screen.getByRole('list', { name: 'Devices' })
  await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2))
  const [self, other] = within(list).getAllByRole('listitem')
  expect(self!.textContent).toMatch(/\(this device\)/)
  expect(other!.textContent).toMatch(/^phone/)
  expect(within(other!).getByRole('button', { name: 'Revoke phone' })).toBeTruthy()
})

it('device: a client that already has an identity is told a device invitation is for a new device', async () => {
  const hub = new MemorySignalingHub()
  const laptop = await peer(hub, 'laptop', 'Ada')
  const other = await peer(hub, 'other', 'Eve')
  const invitation = laptop.createDeviceInvitation()
  render(withClient(other, <JoinDeviceDialog defaultOpen defaultCode={invitation.code} />))
  const dialog = screen.getByRole('dialog', { name: 'Link this device' })
  await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toBe('This device already belongs to Eve. Device invitations are for a new device.'))
  await expectNoAxeViolations(document.body)
  invitation.cancel()
})

it('StrictMode: the double effects leave exactly one live invitation and one join', async () => {
  const hub = new MemorySignalingHub()
  const ada = await peer(hub, 'ada', 'Ada')
  const bob = await peer(hub, 'bob', 'Bob')
  link(ada, bob)
  const space = await ada.createSpace({ name: 'Team' })
  const created: Invitation[] = []
  const make = space.createInvitation.bind(space)
  space.createInvitation = (options) => {
    const invitation = make(options)
    created.push(invitation)
    return invitation
  }
  render(<StrictMode>{withClient(ada, <InvitationDialog space={space} defaultOpen />)}</StrictMode>)
  const host = screen.getByRole('dialog', { name: 'Invite to Team' })
  await waitFor(() => expect(stateOf(host)).toBe('connecting'))
  // The first effect run's invitation was cancelled by its cleanup, not leaked.
  expect(created.map((i) => i.state)).toEqual(['cancelled', 'connecting'])
  const live = created[1]!
  expect((within(host).getByLabelText('Invitation code') as HTMLInputElement).value).toBe(live.code)

  const join = vi.spyOn(bob, 'join')
  render(<StrictMode>{withClient(bob, <JoinDialog defaultOpen defaultCode={live.code} />)}</StrictMode>)
  const guest = screen.getByRole('dialog', { name: 'Join a space' })
  await within(guest).findByRole('group', { name: 'Authorization code' })
  expect(join).toHaveBeenCalledTimes(1)
  await waitFor(() => expect(stateOf(host)).toBe('ready-for-auth'))
  within(guest).getByRole('textbox', { name: 'Authorization code' }).focus()
  await act(async () => {
    typeDigits(authCodeShownIn(host))
  })
  await within(guest).findByRole('heading', { name: 'You joined Team' })
  await within(host).findByRole('heading', { name: 'Bob joined Team' })
})
