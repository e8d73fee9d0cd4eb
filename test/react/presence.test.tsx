// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, expect, it } from 'vitest'
import { EchoProvider, text, usePresence, type Client, type Space } from '../../src/index.ts'
import { PresenceAvatars } from '../../src/ui/PresenceAvatars.tsx'
import { TextField } from '../../src/ui/TextField.tsx'
import { link, memoryClient } from './helpers.tsx'

const clients: Client[] = []
afterEach(async () => {
  cleanup()
  for (const c of clients.splice(0)) await c.close()
})

/** Ada's space with Bob admitted (by name, as an invitation does) and linked in-process. */
async function pair(): Promise<{ ada: Client; bob: Client; space: Space; onBob: Space }> {
  const ada = await memoryClient('Ada Lovelace')
  const bob = await memoryClient('Bob')
  clients.push(ada, bob)
  link(ada, bob)
  const space = await ada.createSpace({ name: 'Notes' })
  await space.admit({ identityKey: bob.identity!.identityKey, displayName: 'Bob' })
  const onBob = await bob.openSpace(space.address)
  return { ada, bob, space, onBob }
}

it('usePresence: peers arrive and update live; setPresence shares state', async () => {
  const { ada, bob, space, onBob } = await pair()
  const wrapper = ({ children }: { children: ReactNode }) => <EchoProvider client={ada}>{children}</EchoProvider>
  const { result } = renderHook(() => usePresence(space), { wrapper })
  expect(result.current.peers).toEqual([])
  await waitFor(() => expect(result.current.peers.map((p) => p.displayName)).toEqual(['Bob']), { timeout: 5000 })
  expect(result.current.peers[0]!.identityKey).toBe(bob.identity!.identityKey)
  act(() => onBob.presence.setPresence({ viewing: 'note-1' }))
  await waitFor(() => expect(result.current.peers[0]!.state).toEqual({ viewing: 'note-1' }))
  act(() => result.current.setPresence({ mine: true }))
  expect(result.current.state).toEqual({ mine: true })
  await waitFor(() => expect(onBob.presence.peers[0]?.state).toEqual({ mine: true }))
  // Without a space: empty and harmless.
  const none = renderHook(() => usePresence(undefined), { wrapper })
  expect(none.result.current.peers).toEqual([])
  none.result.current.setPresence({ x: 1 })
})

it('PresenceAvatars names everyone present for screen readers, with initials and an overflow part', async () => {
  const { ada, space } = await pair()
  render(
    <EchoProvider client={ada}>
      <PresenceAvatars space={space} />
    </EchoProvider>,
  )
  const group = screen.getByRole('group', { name: 'Here now' })
  expect(group.getAttribute('data-state')).toBe('empty')
  expect(group.textContent).toContain('Nobody else is here')
  await waitFor(() => expect(group.getAttribute('data-state')).toBe('present'), { timeout: 5000 })
  expect(screen.getByText('Bob')).toBeTruthy()
  expect(group.querySelector('[data-part="initials"]')!.textContent).toBe('B')
  expect(group.querySelector('[data-part="initials"]')!.getAttribute('aria-hidden')).toBe('true')
  cleanup()
  const peers = ['Grace Hopper', 'Alan Turing', 'Edsger Dijkstra'].map((displayName, i) => ({ identityKey: String(i).repeat(64), deviceKey: String(i).repeat(64), displayName, state: null, lastSeen: i }))
  render(
    <EchoProvider client={ada}>
      <PresenceAvatars peers={peers} max={2} />
    </EchoProvider>,
  )
  expect([...document.querySelectorAll('[data-part="avatar"] [data-part="initials"]')].map((e) => e.textContent)).toEqual(['GH', 'AT'])
  expect(document.querySelector('[data-part="more"]')!.textContent).toContain('1 more: Edsger Dijkstra')
})

it('TextField shares its caret and shows the other member\'s caret with their name', async () => {
  const { ada, bob, space, onBob } = await pair()
  const note = space.db.add({ body: text('Hello world') })
  await waitFor(() => expect(onBob.db.get(note['@id'])).toBeTruthy())
  render(
    <>
      <EchoProvider client={ada}>
        <TextField object={note} field="body" aria-label="Ada's body" />
      </EchoProvider>
      <EchoProvider client={bob}>
        <TextField object={onBob.db.get(note['@id'])} field="body" aria-label="Bob's body" />
      </EchoProvider>
    </>,
  )
  const bobBox = screen.getByLabelText("Bob's body") as HTMLInputElement
  bobBox.focus()
  bobBox.setSelectionRange(5, 5)
  fireEvent.select(bobBox)
  // Bob's caret reaches Ada as an Automerge cursor on "Hello| world".
  await waitFor(() => expect(space.presence.peers[0]?.state).toMatchObject({ '@caret': { object: note['@id'], field: 'body' } }), { timeout: 5000 })
  const caret = (space.presence.peers[0]!.state as { '@caret': { start: string } })['@caret']
  expect(space.db.text(note['@id'], 'body').find(caret.start)).toBe(5)
  await waitFor(() => expect(document.querySelector('[data-echo-remote-carets]')?.textContent).toBe('Bob'))
  // An edit before it moves the caret with its characters.
  act(() => space.db.text(note['@id'], 'body').splice(0, 0, '>> '))
  expect(space.db.text(note['@id'], 'body').find(caret.start)).toBe(8)
  // Bob leaves the field: his caret goes.
  act(() => bobBox.blur())
  await waitFor(() => expect(document.querySelector('[data-echo-remote-carets]')).toBeNull())
})
