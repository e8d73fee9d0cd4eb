// @vitest-environment jsdom
// Every word of the kit comes from the messages: the German set covers all of them, and a whole
// invitation run in German shows no English.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import {
  AuthCode,
  CopyButton,
  DeviceList,
  EchoUIProvider,
  InvitationDialog,
  JoinDialog,
  MemberList,
  messagesDe,
  messagesEn,
  NetworkStatus,
  PinInput,
  type EchoMessages,
} from '../../src/ui/index.ts'
import { expectNoAxeViolations } from './axe.ts'
import { closePeers, link, MemorySignalingHub, peer, typeDigits, withClient } from './engine.tsx'

afterEach(async () => {
  cleanup()
  await closePeers()
})

// Words the same in both languages.
const SAME = new Set(['Admin', 'Code', 'Online', 'Offline', ''])

/** Every leaf of the messages as [path, text]; functions are called with sample arguments. */
function leaves(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]]
  if (typeof value === 'function') {
    const call = value as (...a: unknown[]) => unknown
    // Counts first; the few that take a role or a label get a word.
    const text = /successMessage|qrLabel/.test(path) ? call('editor', 'Team') : call(2, 'Team')
    return [[path, String(text)]]
  }
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k))
}

// English words that are not German: any of them in a German render is a hard-coded string.
const ENGLISH = /\b(the|and|your|you|invitation|invite|device|join|joined|copy|close|cancel|space|member|members|attempts?|enter|waiting|share|with|this|code is|left|remove|revoke|link this|open space|digit|peers?)\b/i

function visibleAndSpokenText(root: HTMLElement): string {
  const labels = [...root.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label'))
  return [root.textContent, ...labels].join(' | ')
}

describe('messages', () => {
  it('German covers every English message with its own words', () => {
    const en = new Map(leaves(messagesEn))
    const de = new Map(leaves(messagesDe))
    expect([...de.keys()].sort()).toEqual([...en.keys()].sort())
    const untranslated = [...en].filter(([path, text]) => de.get(path) === text && !SAME.has(text) && !path.endsWith('alreadyHasIdentity'))
    expect(untranslated).toEqual([])
  })

  it('a provider replaces single messages and keeps the rest', () => {
    const words: Partial<EchoMessages> = { copy: 'Grab it' }
    render(
      <EchoUIProvider messages={words}>
        <CopyButton text="x" />
        <NetworkStatus status="online" peers={3} />
      </EchoUIProvider>,
    )
    expect(screen.getByRole('button', { name: 'Grab it' })).toBeTruthy()
    expect(screen.getAllByRole('status')[1]!.textContent).toBe('Online · , 3 peers')
  })

  it('a component prop wins over the provider', async () => {
    const ada = await peer(new MemorySignalingHub(), 'ada', 'Ada')
    render(
      withClient(
        ada,
        <EchoUIProvider messages={messagesDe}>
          <MemberList space={undefined} messages={{ members: { noSpace: 'Pick a space first.' } }} />
        </EchoUIProvider>,
      ),
    )
    expect(screen.getByText('Pick a space first.')).toBeTruthy()
    expect(screen.getByRole('list', { name: 'Mitglieder' })).toBeTruthy()
  })

  it('the small parts speak German', async () => {
    const { container } = render(
      <EchoUIProvider messages={messagesDe}>
        <main>
          <AuthCode code="123456" showQr />
          <PinInput defaultValue="12" />
          <CopyButton text="x" />
          <NetworkStatus status="online" peers={1} />
          <NetworkStatus status="connecting" />
        </main>
      </EchoUIProvider>,
    )
    const text = visibleAndSpokenText(container)
    expect(text).toContain('Bestätigungscode 1 2 3 4 5 6')
    expect(text).toContain('QR-Code des Bestätigungscodes')
    expect(text).not.toMatch(ENGLISH)
    await expectNoAxeViolations(container)
  })

  it('a whole invitation in German: host and guest screens, lists, no English anywhere', async () => {
    const hub = new MemorySignalingHub()
    const ada = await peer(hub, 'ada', 'Ada')
    const bob = await peer(hub, 'bob', 'Bob')
    link(ada, bob)
    const space = await ada.createSpace({ name: 'Einkauf' })
    const seen: string[] = []
    const look = () => seen.push(visibleAndSpokenText(document.body))

    render(withClient(ada, <EchoUIProvider messages={messagesDe}><InvitationDialog space={space} /><MemberList space={space} /><DeviceList /></EchoUIProvider>))
    fireEvent.click(screen.getByRole('button', { name: 'Einladen' }))
    const host = screen.getByRole('dialog', { name: 'In „Einkauf“ einladen' })
    await waitFor(() => expect(host.querySelector('[data-echo-panel]')!.getAttribute('data-state')).toBe('connecting'))
    look()
    const sharedLink = (within(host).getByLabelText('Einladungslink') as HTMLInputElement).value

    render(withClient(bob, <EchoUIProvider messages={messagesDe}><JoinDialog /></EchoUIProvider>))
    fireEvent.click(screen.getByRole('button', { name: 'Einem Bereich beitreten' }))
    const guest = screen.getByRole('dialog', { name: 'Einem Bereich beitreten' })
    look()
    fireEvent.change(within(guest).getByLabelText('Einladungscode oder -link'), { target: { value: sharedLink } })
    fireEvent.click(within(guest).getByRole('button', { name: 'Beitreten' }))
    await within(guest).findByRole('group', { name: 'Bestätigungscode' })
    await waitFor(() => expect(host.querySelector('[data-part="digits"]')).not.toBeNull())
    look()
    // A wrong code first, then the right one.
    const code = host.querySelector('[data-part="digits"]')!.textContent!
    within(guest).getByRole('textbox', { name: 'Bestätigungscode' }).focus()
    await act(async () => typeDigits(code === '000000' ? '111111' : '000000'))
    await within(guest).findByRole('alert')
    look()
    within(guest).getByRole('textbox', { name: 'Bestätigungscode' }).focus()
    await act(async () => typeDigits(code))
    await within(guest).findByRole('heading', { name: 'Du bist „Einkauf“ beigetreten' })
    await within(host).findByRole('heading', { name: 'Bob ist „Einkauf“ beigetreten' })
    look()

    for (const text of seen) expect(text).not.toMatch(ENGLISH)
    expect(seen.join(' ')).toContain('Noch 2 Versuche.')
  })
})
