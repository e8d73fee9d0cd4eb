// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { decodeInvitationCode, type Client, type Invitation, type Space } from '../../src/index.ts'
import { InvitationDialog } from '../../src/ui/index.ts'
import { expectNoAxeViolations } from './axe.ts'
import { authCodeShownIn, closePeers, fakeClipboard, link, MemorySignalingHub, peer, until, withClient, wrongCode } from './engine.tsx'

afterEach(async () => {
  cleanup()
  Reflect.deleteProperty(navigator, 'clipboard')
  await closePeers()
})

interface Setup {
  ada: Client
  bob: Client
  space: Space
  invitations: Invitation[]
}

async function setup(): Promise<Setup> {
  const hub = new MemorySignalingHub()
  const ada = await peer(hub, 'ada', 'Ada')
  const bob = await peer(hub, 'bob', 'Bob')
  link(ada, bob)
  const space = await ada.createSpace({ name: 'Team' })
  return { ada, bob, space, invitations: [] }
}

/** Opens the host dialog and waits for its invitation to be waiting for a guest. */
async function openHost(s: Setup, props: Partial<Parameters<typeof InvitationDialog>[0]> = {}) {
  render(withClient(s.ada, <InvitationDialog space={s.space} defaultOpen onInvitation={(i) => s.invitations.push(i)} {...props} />))
  const dialog = screen.getByRole('dialog', { name: 'Invite to Team' })
  await waitFor(() => expect(panelState(dialog)).toBe('connecting'))
  return { dialog, invitation: s.invitations.at(-1)! }
}

/** A programmatic guest that connects to `invitation` (reaching ready-for-auth on both sides). */
async function connectGuest(guest: Client, invitation: Invitation) {
  const joining = guest.join(invitation.code)
  await until(joining, (j) => j.state === 'ready-for-auth')
  await until(invitation, (i) => i.state === 'ready-for-auth')
  return joining
}

const panelState = (dialog: HTMLElement) => dialog.querySelector('[data-echo-invitation]')!.getAttribute('data-state')

describe('InvitationDialog (host) states', () => {
  it('one-liner: the trigger opens it; waiting shows a QR code, the link and the code, each copyable', async () => {
    const s = await setup()
    const written = fakeClipboard()
    render(withClient(s.ada, <InvitationDialog space={s.space} onInvitation={(i) => s.invitations.push(i)} />))
    const trigger = screen.getByRole('button', { name: 'Invite' })
    expect(screen.queryByRole('dialog')).toBeNull()
    trigger.focus()
    fireEvent.click(trigger)
    const dialog = screen.getByRole('dialog', { name: 'Invite to Team' })
    await waitFor(() => expect(panelState(dialog)).toBe('connecting'))
    const invitation = s.invitations.at(-1)!
    expect(invitation.state).toBe('connecting')
    expect(within(dialog).getByText('Waiting for your guest to connect…')).toBeTruthy()
    // The link goes to this page (jsdom: http://localhost:3000/) with the code after #join=.
    const linkField = within(dialog).getByLabelText('Invitation link') as HTMLInputElement
    expect(linkField.value).toBe(`${location.href.split('#')[0]}#join=${invitation.code}`)
    expect(linkField.readOnly).toBe(true)
    expect(decodeInvitationCode(linkField.value).kind).toBe('space')
    expect((within(dialog).getByLabelText('Invitation code') as HTMLInputElement).value).toBe(invitation.code)
    expect(within(dialog).getByRole('img', { name: 'QR code of the invitation link' }).tagName.toLowerCase()).toBe('svg')
    // Focus lands on "Copy link": Enter copies.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Copy link' }))
    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy link' }))
    await waitFor(() => expect(written).toEqual([linkField.value]))
    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy code' }))
    await waitFor(() => expect(written).toEqual([linkField.value, invitation.code]))
    expect(within(dialog).queryByRole('img', { name: /^Authorization code/ })).toBeNull()
    await expectNoAxeViolations(document.body)
  })

  it('init: without a space yet it says it is preparing, and offers no cancel', async () => {
    const s = await setup()
    render(withClient(s.ada, <InvitationDialog space={undefined} defaultOpen />))
    const dialog = screen.getByRole('dialog', { name: 'Invite to this space' })
    expect(panelState(dialog)).toBe('init')
    expect(within(dialog).getByText('Creating the invitation…')).toBeTruthy()
    expect(within(dialog).queryByRole('button', { name: 'Cancel invitation' })).toBeNull()
    expect(within(dialog).queryByLabelText('Invitation link')).toBeNull()
    await expectNoAxeViolations(document.body)
  })

  it('ready-for-auth: the 6-digit code as big digits and as a QR code, attempts left, focus on the code', async () => {
    const s = await setup()
    const { dialog, invitation } = await openHost(s)
    await connectGuest(s.bob, invitation)
    await waitFor(() => expect(panelState(dialog)).toBe('ready-for-auth'))
    expect(authCodeShownIn(dialog)).toBe(invitation.authCode)
    expect(within(dialog).getByRole('img', { name: 'QR code of the authorization code' })).toBeTruthy()
    const digits = dialog.querySelector('[data-part="digits"]')!.textContent
    expect(digits).toBe(invitation.authCode)
    expect(within(dialog).getByText('Tell your guest this code.')).toBeTruthy()
    expect(within(dialog).getByText('3 attempts left.')).toBeTruthy()
    expect(within(dialog).queryByLabelText('Invitation link')).toBeNull()
    // The link the user was on is gone: focus moved to the code group.
    expect(document.activeElement).toBe(within(dialog).getByRole('group', { name: 'Tell your guest this code.' }))
    await expectNoAxeViolations(document.body)
  })

  it('a wrong code on the guest side shows as attempts left', async () => {
    const s = await setup()
    const { dialog, invitation } = await openHost(s)
    const joining = await connectGuest(s.bob, invitation)
    await act(async () => {
      await joining.authenticate(wrongCode(invitation.authCode!))
    })
    await waitFor(() => expect(within(dialog).getByText('A wrong code was entered. 2 attempts left.')).toBeTruthy())
    expect(panelState(dialog)).toBe('ready-for-auth')
    await expectNoAxeViolations(document.body)
  })

  it('success: names the guest and the space, focuses the result; Done closes', async () => {
    const s = await setup()
    const { dialog, invitation } = await openHost(s, { options: { role: 'reader' } })
    const joining = await connectGuest(s.bob, invitation)
    await act(async () => {
      await joining.authenticate(authCodeShownIn(dialog))
    })
    const heading = await within(dialog).findByRole('heading', { name: 'Bob joined Team' })
    expect(panelState(dialog)).toBe('success')
    expect(document.activeElement).toBe(heading)
    expect(within(dialog).getByText('They are now a reader and can open the space on their device.')).toBeTruthy()
    expect(s.space.members.find((m) => m.displayName === 'Bob')?.role).toBe('reader')
    expect(within(dialog).queryByRole('button', { name: 'Cancel invitation' })).toBeNull()
    await expectNoAxeViolations(document.body)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Done' }))
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('expired: says so and "New invitation" makes a fresh one', async () => {
    const s = await setup()
    const { dialog, invitation } = await openHost(s, { options: { expiresIn: 1500 } })
    const heading = await within(dialog).findByRole('heading', { name: 'Invitation expired' }, { timeout: 4000 })
    expect(invitation.state).toBe('expired')
    expect(document.activeElement).toBe(heading)
    expect(within(dialog).getByText('Nobody joined in time. Create a new invitation to try again.')).toBeTruthy()
    await expectNoAxeViolations(document.body)
    fireEvent.click(within(dialog).getByRole('button', { name: 'New invitation' }))
    await waitFor(() => expect(panelState(dialog)).toBe('connecting'))
    const fresh = s.invitations.at(-1)!
    expect(fresh).not.toBe(invitation)
    expect((within(dialog).getByLabelText('Invitation code') as HTMLInputElement).value).toBe(fresh.code)
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Copy link' }))
  })

  it('cancelled by the host: "Cancel invitation" ends it and the guest learns it', async () => {
    const s = await setup()
    const { dialog, invitation } = await openHost(s)
    const joining = await connectGuest(s.bob, invitation)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel invitation' }))
    const heading = await within(dialog).findByRole('heading', { name: 'Invitation cancelled' })
    expect(document.activeElement).toBe(heading)
    expect(within(dialog).getByText('Nobody can use it any more. Create a new one when you are ready.')).toBeTruthy()
    expect(invitation.state).toBe('cancelled')
    await until(joining, (j) => j.state === 'cancelled')
    expect(joining.error?.code).toBe('CANCELLED')
    expect(within(dialog).getByRole('button', { name: 'New invitation' })).toBeTruthy()
    await expectNoAxeViolations(document.body)
  })

  it('a guest who cancels frees the slot: the invitation stays open for another try', async () => {
    const s = await setup()
    const { dialog, invitation } = await openHost(s)
    const joining = await connectGuest(s.bob, invitation)
    act(() => joining.cancel())
    await waitFor(() => expect(invitation.state).toBe('connecting'))
    expect(invitation.error?.code).toBe('CANCELLED')
    expect(within(dialog).queryByRole('heading', { name: 'Invitation cancelled' })).toBeNull()
  })

  it('too many attempts: three wrong codes close the invitation', async () => {
    const s = await setup()
    const { dialog, invitation } = await openHost(s)
    const joining = await connectGuest(s.bob, invitation)
    const wrong = wrongCode(invitation.authCode!)
    for (let i = 0; i < 3; i++) {
      await act(async () => {
        await joining.authenticate(wrong)
      })
    }
    const heading = await within(dialog).findByRole('heading', { name: 'Too many wrong codes' })
    expect(document.activeElement).toBe(heading)
    expect(panelState(dialog)).toBe('error')
    expect(invitation.error?.code).toBe('TOO_MANY_ATTEMPTS')
    expect(within(dialog).getByText(/The invitation was closed to keep your space safe/)).toBeTruthy()
    expect(within(dialog).getByRole('button', { name: 'New invitation' })).toBeTruthy()
    await expectNoAxeViolations(document.body)
  })

  it('closing the dialog (Close, Escape, or the controlled prop) keeps the invitation open; reopening shows it', async () => {
    const s = await setup()
    const { dialog, invitation } = await openHost(s)
    const trigger = screen.getByRole('button', { name: 'Invite' })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(invitation.state).toBe('connecting')
    // The trigger says an invitation is still open.
    expect(trigger.hasAttribute('data-pending')).toBe(true)
    fireEvent.click(trigger)
    const again = screen.getByRole('dialog', { name: 'Invite to Team' })
    expect((within(again).getByLabelText('Invitation link') as HTMLInputElement).value).toContain(invitation.code)
    expect(s.invitations).toHaveLength(1)
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' })
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(invitation.state).toBe('connecting')
    // Only "Cancel invitation" (or unmounting the dialog) ends it.
    fireEvent.click(trigger)
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel invitation' }))
    await waitFor(() => expect(invitation.state).toBe('cancelled'))
    expect(trigger.hasAttribute('data-pending')).toBe(false)
    cleanup()

    const second = await openHost(s)
    cleanup()
    expect(second.invitation.state).toBe('cancelled')

    let setOpen!: (open: boolean) => void
    function Controlled() {
      const [open, set] = useState(true)
      setOpen = set
      return <InvitationDialog space={s.space} open={open} onOpenChange={set} onInvitation={(i) => s.invitations.push(i)} />
    }
    render(withClient(s.ada, <Controlled />))
    // Controlled without a trigger prop: no built-in trigger.
    expect(screen.queryByRole('button', { name: 'Invite' })).toBeNull()
    await waitFor(() => expect(s.invitations.at(-1)!.state).toBe('connecting'))
    const third = s.invitations.at(-1)!
    act(() => setOpen(false))
    expect(third.state).toBe('connecting')
  })

  it('a custom trigger element keeps its own look and gets the dialog wiring', async () => {
    const s = await setup()
    render(withClient(s.ada, <InvitationDialog space={s.space} trigger={<button className="mine">Share</button>} />))
    const trigger = screen.getByRole('button', { name: 'Share' })
    expect(trigger.className).toBe('mine')
    expect(trigger.getAttribute('aria-haspopup')).toBe('dialog')
    fireEvent.click(trigger)
    expect(screen.getByRole('dialog', { name: 'Invite to Team' })).toBeTruthy()
    cleanup()
    render(withClient(s.ada, <InvitationDialog space={s.space}>Invite people</InvitationDialog>))
    expect(screen.getByRole('button', { name: 'Invite people' }).getAttribute('aria-expanded')).toBe('false')
  })

  it('a member who may not invite gets a clear error and no retry button', async () => {
    const s = await setup()
    await s.space.admit({ identityKey: s.bob.identity!.identityKey, role: 'editor', displayName: 'Bob' })
    const bobsSpace = await s.bob.openSpace(s.space.address)
    await waitFor(() => expect(bobsSpace.members.some((m) => m.identityKey === s.bob.identity!.identityKey)).toBe(true))
    render(withClient(s.bob, <InvitationDialog space={bobsSpace} defaultOpen />))
    const dialog = screen.getByRole('dialog')
    await within(dialog).findByRole('heading', { name: 'Invitation failed' })
    // The message under the heading (the dialog's description now), and the (visually hidden)
    // status line that announced the same words as the heading.
    expect(within(dialog).getAllByText('You are not allowed to invite people to this space.')).toHaveLength(1)
    expect(screen.getByRole('dialog', { description: 'You are not allowed to invite people to this space.' })).toBe(dialog)
    expect(within(dialog).getByRole('status').textContent).toBe('Invitation failed')
    expect(within(dialog).queryByRole('button', { name: 'New invitation' })).toBeNull()
    await expectNoAxeViolations(document.body)
  })
})
