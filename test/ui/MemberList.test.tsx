// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Client, Space } from '../../src/index.ts'
import { MemberList } from '../../src/ui/index.ts'
import { expectNoAxeViolations } from './axe.ts'
import { closePeers, link, MemorySignalingHub, peer, withClient } from './engine.tsx'

afterEach(async () => {
  cleanup()
  await closePeers()
})

/** Ada owns "Team"; Bob is an editor and Carol an admin, each with the space on their client. */
async function team() {
  const hub = new MemorySignalingHub()
  const ada = await peer(hub, 'ada', 'Ada')
  const bob = await peer(hub, 'bob', 'Bob')
  const carol = await peer(hub, 'carol', 'Carol')
  link(ada, bob)
  link(ada, carol)
  const space = await ada.createSpace({ name: 'Team' })
  await space.admit({ identityKey: bob.identity!.identityKey, role: 'editor', displayName: 'Bob' })
  await space.admit({ identityKey: carol.identity!.identityKey, role: 'admin', displayName: 'Carol' })
  const open = async (c: Client): Promise<Space> => {
    const s = await c.openSpace(space.address)
    await waitFor(() => expect(s.members).toHaveLength(3))
    return s
  }
  return { ada, bob, carol, space, open }
}

const rows = () => within(screen.getByRole('list', { name: 'Members' })).getAllByRole('listitem')
const rowOf = (name: string) => rows().find((r) => r.textContent!.startsWith(name))!

describe('MemberList', () => {
  it('an owner sees names, roles, a "you" marker, and Remove for everyone else', async () => {
    const { ada, space } = await team()
    render(withClient(ada, <main><MemberList space={space} /></main>))
    expect(rows().map((r) => r.querySelector('[data-part="role"]')!.textContent)).toEqual(['Owner', 'Admin', 'Editor'])
    expect(rowOf('Ada').textContent).toBe('Ada(you)Owner')
    expect(within(rowOf('Ada')).queryByRole('button')).toBeNull()
    expect(within(rowOf('Bob')).getByRole('button', { name: 'Remove Bob' })).toBeTruthy()
    expect(within(rowOf('Carol')).getByRole('button', { name: 'Remove Carol' })).toBeTruthy()
    expect(screen.getByText('3 members')).toBeTruthy()
    await expectNoAxeViolations(document.body)
  })

  it('an editor sees the list without Remove buttons', async () => {
    const { bob, open } = await team()
    const bobsSpace = await open(bob)
    render(withClient(bob, <main><MemberList space={bobsSpace} /></main>))
    expect(rowOf('Bob').textContent).toBe('Bob(you)Editor')
    expect(screen.queryAllByRole('button')).toEqual([])
    await expectNoAxeViolations(document.body)
  })

  it('Remove asks first (Escape backs out), then removes, announces it and moves focus to the list', async () => {
    const { ada, bob, space } = await team()
    const onRemoved = vi.fn()
    render(withClient(ada, <main><MemberList space={space} onRemoved={onRemoved} /></main>))
    fireEvent.click(screen.getByRole('button', { name: 'Remove Bob' }))
    const confirm = screen.getByRole('group', { name: 'Remove Bob from Team?' })
    // Focus on the safe choice: a second Enter does not remove anyone.
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Keep' }))
    await expectNoAxeViolations(document.body)
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' })
    expect(screen.queryByRole('group')).toBeNull()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove Bob' }))
    expect(space.members).toHaveLength(3)

    fireEvent.click(screen.getByRole('button', { name: 'Remove Bob' }))
    fireEvent.click(within(screen.getByRole('group', { name: 'Remove Bob from Team?' })).getByRole('button', { name: 'Remove Bob' }))
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Bob was removed from Team.'))
    expect(rows()).toHaveLength(2)
    expect(space.members.some((m) => m.identityKey === bob.identity!.identityKey)).toBe(false)
    expect(document.activeElement).toBe(screen.getByRole('list', { name: 'Members' }))
    expect(onRemoved).toHaveBeenCalledWith(expect.objectContaining({ displayName: 'Bob' }))
    expect(screen.getByText('2 members')).toBeTruthy()
    await expectNoAxeViolations(document.body)
  })

  it('offers Remove only where the space allows it: an admin gets none on the owner', async () => {
    const { carol, open } = await team()
    const carolsSpace = await open(carol)
    render(withClient(carol, <main><MemberList space={carolsSpace} /></main>))
    await waitFor(() => expect(rows()).toHaveLength(3))
    // Carol is an admin: she may remove the editor Bob, never the owner Ada (the engine refuses).
    expect(screen.queryByRole('button', { name: 'Remove Ada' })).toBeNull()
    expect(screen.getByRole('button', { name: 'Remove Bob' })).toBeTruthy()
    expect(screen.queryByRole('button', { name: /^Remove Carol/ })).toBeNull()
    await expectNoAxeViolations(document.body)
  })

  it('a removal that fails is shown as an error, focus back on the button', async () => {
    const { ada, space } = await team()
    render(withClient(ada, <main><MemberList space={space} /></main>))
    await waitFor(() => expect(rows()).toHaveLength(3))
    const original = space.removeMember.bind(space)
    space.removeMember = async () => {
      throw new Error('the network is down')
    }
    try {
      fireEvent.click(screen.getByRole('button', { name: 'Remove Bob' }))
      fireEvent.click(within(screen.getByRole('group')).getByRole('button', { name: 'Remove Bob' }))
      const alert = await screen.findByRole('alert')
      expect(alert.textContent).toBe('Could not remove Bob: the network is down')
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove Bob' }))
      expect(rows()).toHaveLength(3)
    } finally {
      space.removeMember = original
    }
    await expectNoAxeViolations(document.body)
  })
})
