// @vitest-environment jsdom
// The invitation link's default base: the document's base URL (a `<base href>` set by a routed
// app), not whatever route the host happens to be on.
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { InvitationDialog } from '../../src/ui/index.ts'
import { closePeers, MemorySignalingHub, peer, withClient } from './engine.tsx'

afterEach(async () => {
  cleanup()
  document.head.querySelector('base')?.remove()
  history.replaceState(null, '', '/')
  await closePeers()
})

async function linkShown(props: { linkBase?: string } = {}): Promise<string> {
  const ada = await peer(new MemorySignalingHub(), 'ada', 'Ada')
  const space = await ada.createSpace({ name: 'Team' })
  render(withClient(ada, <InvitationDialog space={space} defaultOpen {...props} />))
  const dialog = screen.getByRole('dialog', { name: 'Invite to Team' })
  const field = within(dialog).getByLabelText('Invitation link') as HTMLInputElement
  await waitFor(() => expect(field.value).toContain('#join='))
  return field.value
}

describe('invitation link base', () => {
  it('follows <base href> instead of the current route', async () => {
    history.replaceState(null, '', '/space/abc?tab=board#old')
    const base = document.createElement('base')
    base.href = `${location.origin}/app/`
    document.head.append(base)
    expect(await linkShown()).toMatch(new RegExp(`^${location.origin}/app/#join=`))
  })

  it('without <base>, is the current page without its hash; linkBase overrides both', async () => {
    history.replaceState(null, '', '/space/abc#old')
    expect(await linkShown()).toMatch(new RegExp(`^${location.origin}/space/abc#join=`))
    cleanup()
    expect(await linkShown({ linkBase: 'https://example.org/' })).toMatch(/^https:\/\/example\.org\/#join=/)
  })
})
