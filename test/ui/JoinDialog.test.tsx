// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { encodeInvitationCode, type Client, type Invitation, type Space } from '../../src/index.ts'
import { JoinDialog } from '../../src/ui/index.ts'
import { expectNoAxeViolations } from './axe.ts'
import { closePeers, link, MemorySignalingHub, peer, typeDigits, until, withClient, wrongCode } from './engine.tsx'

afterEach(async () => {
  cleanup()
  await closePeers()
})

interface Setup {
  ada: Client
  bob: Client
  space: Space
}

async function setup(): Promise<Setup> {
  const hub = new MemorySignalingHub()
  const ada = await peer(hub, 'ada', 'Ada')
  const bob = await peer(hub, 'bob', 'Bob')
  link(ada, bob)
  const space = await ada.createSpace({ name: 'Team' })
  return { ada, bob, space }
}

const panelState = (dialog: HTMLElement) => dialog.querySelector('[data-echo-join]')!.getAttribute('data-state')
// The PIN entry is one input named like its group.
const firstCell = (dialog: HTMLElement) => within(dialog).getByRole('textbox', { name: 'Authorization code' }) as HTMLInputElement
const cells = (dialog: HTMLElement) => within(dialog).getAllByRole('textbox', { name: 'Authorization code' }) as HTMLInputElement[]

/** Opens the guest dialog with a link to `invitation` and waits for the PIN entry. */
async function openAtPin(s: Setup, invitation: Invitation, props: Partial<Parameters<typeof JoinDialog>[0]> = {}) {
  render(withClient(s.bob, <JoinDialog defaultOpen defaultCode={`https://app.example/#join=${invitation.code}`} {...props} />))
  const dialog = screen.getByRole('dialog', { name: 'Join a space' })
  await within(dialog).findByRole('group', { name: 'Authorization code' })
  return dialog
}

async function enter(dialog: HTMLElement, code: string) {
  firstCell(dialog).focus()
  await act(async () => {
    typeDigits(code)
  })
}

describe('JoinDialog (guest) states', () => {
  it('code entry: the one-liner opens on its trigger with a labelled, focused field', async () => {
    const s = await setup()
    render(withClient(s.bob, <JoinDialog />))
    fireEvent.click(screen.getByRole('button', { name: 'Join a space' }))
    const dialog = screen.getByRole('dialog', { name: 'Join a space' })
    const field = within(dialog).getByLabelText('Invitation code or link') as HTMLInputElement
    expect(document.activeElement).toBe(field)
    expect(field.getAttribute('aria-describedby')).toBe(within(dialog).getByText('Paste the code or link you were sent.').id)
    expect(within(dialog).getByRole('button', { name: 'Join' })).toBeTruthy()
    expect(panelState(dialog)).toBe('init')
    // Nothing to announce while the form waits (it used to say "Reading the invitation…").
    expect(within(dialog).getByRole('status').textContent).toBe('')
    await expectNoAxeViolations(document.body)
  })

  it('invalid code: an alert next to the field, nothing connects', async () => {
    const s = await setup()
    const join = vi.spyOn(s.bob, 'join')
    render(withClient(s.bob, <JoinDialog defaultOpen />))
    const dialog = screen.getByRole('dialog')
    const field = within(dialog).getByLabelText('Invitation code or link') as HTMLInputElement
    fireEvent.change(field, { target: { value: 'https://app.example/#join=not-a-code' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Join' }))
    const alert = within(dialog).getByRole('alert')
    expect(alert.textContent).toBe('This invitation code is not valid. Check that it was copied whole.')
    expect(field.getAttribute('aria-invalid')).toBe('true')
    expect(field.getAttribute('aria-describedby')).toBe(alert.id)
    expect(join).not.toHaveBeenCalled()
    await expectNoAxeViolations(document.body)
    // Editing clears the error; an empty submit asks for a code.
    fireEvent.change(field, { target: { value: '' } })
    expect(within(dialog).queryByRole('alert')).toBeNull()
    fireEvent.submit(field.form!)
    expect(within(dialog).getByRole('alert').textContent).toBe('Paste the invitation code or link you were sent.')
  })

  it('an expired code or a device invitation is refused before connecting, with the reason', async () => {
    const s = await setup()
    const parts = { id: '0'.repeat(32), topic: '1'.repeat(32), publicKey: '2'.repeat(64) }
    render(withClient(s.bob, <JoinDialog defaultOpen />))
    const dialog = screen.getByRole('dialog')
    const field = within(dialog).getByLabelText('Invitation code or link')
    fireEvent.change(field, { target: { value: encodeInvitationCode({ ...parts, kind: 'space', expiresAt: Date.now() - 5000 }) } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Join' }))
    expect(within(dialog).getByRole('alert').textContent).toBe('This invitation has expired. Ask for a new one.')
    fireEvent.change(field, { target: { value: encodeInvitationCode({ ...parts, kind: 'device', expiresAt: Date.now() + 60_000 }) } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Join' }))
    expect(within(dialog).getByRole('alert').textContent).toMatch(/^This is a device invitation/)
    expect(panelState(dialog)).toBe('init')
  })

  it('no identity yet: says to create one first', async () => {
    const hub = new MemorySignalingHub()
    const ada = await peer(hub, 'ada', 'Ada')
    const fresh = await peer(hub, 'fresh')
    const invitation = (await ada.createSpace({ name: 'Team' })).createInvitation()
    render(withClient(fresh, <JoinDialog defaultOpen defaultCode={invitation.code} />))
    const dialog = screen.getByRole('dialog')
    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toBe('Create your identity before joining a space.'))
    expect(invitation.state).toBe('connecting')
    invitation.cancel()
  })

  it('ready-for-auth: a link starts joining at once; the PIN entry appears focused, with attempts left', async () => {
    const s = await setup()
    const invitation = s.space.createInvitation()
    const dialog = await openAtPin(s, invitation)
    expect(panelState(dialog)).toBe('ready-for-auth')
    expect(document.activeElement).toBe(firstCell(dialog))
    // The visible status line is the live region: one sentence for both.
    expect(within(dialog).getByRole('status').textContent).toBe('Enter the code that the person who invited you sees.')
    // The description follows the step.
    expect(screen.getByRole('dialog', { description: 'The person who invited you sees a 6-digit code. Ask them for it and type it here.' })).toBe(dialog)
    expect(within(dialog).getByText('3 attempts left.')).toBeTruthy()
    expect(firstCell(dialog).getAttribute('aria-describedby')).toContain(within(dialog).getByText('3 attempts left.').id)
    expect(invitation.state).toBe('ready-for-auth')
    await expectNoAxeViolations(document.body)
  })

  it('wrong code: an alert with the attempts left, cells emptied and focused again', async () => {
    const s = await setup()
    const invitation = s.space.createInvitation()
    const dialog = await openAtPin(s, invitation)
    await until(invitation, (i) => !!i.authCode)
    await enter(dialog, wrongCode(invitation.authCode!))
    const alert = await within(dialog).findByRole('alert')
    expect(alert.textContent).toBe('That code is not right. 2 attempts left.')
    expect(cells(dialog).map((c) => c.value).join('')).toBe('')
    expect(cells(dialog).every((c) => c.getAttribute('aria-invalid') === 'true')).toBe(true)
    expect(document.activeElement).toBe(firstCell(dialog))
    expect(invitation.getSnapshot().attemptsLeft).toBe(2)
    await expectNoAxeViolations(document.body)
  })

  it('too many attempts: three wrong codes end it; "Enter another code" goes back to the field', async () => {
    const s = await setup()
    const invitation = s.space.createInvitation()
    const dialog = await openAtPin(s, invitation)
    await until(invitation, (i) => !!i.authCode)
    const wrong = wrongCode(invitation.authCode!)
    await enter(dialog, wrong)
    await within(dialog).findByText('That code is not right. 2 attempts left.')
    await enter(dialog, wrong)
    await within(dialog).findByText('That code is not right. 1 attempt left.')
    await enter(dialog, wrong)
    const heading = await within(dialog).findByRole('heading', { name: 'Too many wrong codes' })
    expect(document.activeElement).toBe(heading)
    expect(panelState(dialog)).toBe('error')
    expect(within(dialog).getByText('This invitation is closed. Ask for a new one and check the code carefully.')).toBeTruthy()
    expect(invitation.error?.code).toBe('TOO_MANY_ATTEMPTS')
    await expectNoAxeViolations(document.body)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enter another code' }))
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Invitation code or link'))
  })

  it('success: the space name, focus on the result; "Open space" hands over the space and closes', async () => {
    const s = await setup()
    const onJoined = vi.fn()
    const invitation = s.space.createInvitation()
    const dialog = await openAtPin(s, invitation, { onJoined })
    await until(invitation, (i) => !!i.authCode)
    await enter(dialog, invitation.authCode!)
    const heading = await within(dialog).findByRole('heading', { name: 'You joined Team' })
    expect(document.activeElement).toBe(heading)
    expect(panelState(dialog)).toBe('success')
    await expectNoAxeViolations(document.body)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Open space' }))
    expect(onJoined).toHaveBeenCalledTimes(1)
    expect((onJoined.mock.calls[0]![0] as Space).id).toBe(s.space.id)
    expect(screen.queryByRole('dialog')).toBeNull()
    await until(invitation, (i) => i.state === 'success')
  })

  it('host cancelled: says who cancelled and what to do', async () => {
    const s = await setup()
    const invitation = s.space.createInvitation()
    const dialog = await openAtPin(s, invitation)
    act(() => invitation.cancel())
    const heading = await within(dialog).findByRole('heading', { name: 'Invitation cancelled' })
    expect(document.activeElement).toBe(heading)
    expect(within(dialog).getByText('The person who invited you cancelled it. Ask them for a new one.')).toBeTruthy()
    expect(panelState(dialog)).toBe('cancelled')
    await expectNoAxeViolations(document.body)
  })

  it('expired while entering the code: says so', async () => {
    const s = await setup()
    const invitation = s.space.createInvitation({ expiresIn: 1500 })
    const dialog = await openAtPin(s, invitation)
    await within(dialog).findByRole('heading', { name: 'Invitation expired' }, { timeout: 4000 })
    expect(within(dialog).getByText('Ask the person who invited you for a new invitation.')).toBeTruthy()
    expect(panelState(dialog)).toBe('expired')
    await expectNoAxeViolations(document.body)
  })

  it('Cancel or closing the dialog cancels joining; the host sees the guest leave and keeps the invitation open', async () => {
    const s = await setup()
    const invitation = s.space.createInvitation()
    const dialog = await openAtPin(s, invitation)
    await until(invitation, (i) => i.state === 'ready-for-auth')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    await until(invitation, (i) => i.state === 'connecting' && i.error?.code === 'CANCELLED')
  })
})
