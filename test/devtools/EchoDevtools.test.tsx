// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { useQuery, type Client, type Space } from '../../src/index.ts'
import { EchoDevtools } from '../../src/devtools/index.ts'
import { expectNoAxeViolations } from '../ui/axe.ts'
import { closePeers, link, MemorySignalingHub, peer, withClient } from '../ui/engine.tsx'
import { injectObject, objectId, rawDocs } from '../security/attackers.ts'

// <EchoDevtools /> through its public entry, over real in-memory clients linked in-process:
// the lazy panel, its tabs by keyboard, live objects edited through the public API (and refused
// for a reader), live queries with their subscriber counts, peers, network and problems.
afterEach(async () => {
  cleanup()
  await closePeers()
})

/** Ada owns "Board"; Bob has it too (as `role`) and wrote a card there. */
async function board(role: 'editor' | 'reader' = 'editor') {
  const hub = new MemorySignalingHub()
  const ada = await peer(hub, 'ada', 'Ada')
  const bob = await peer(hub, 'bob', 'Bob')
  link(ada, bob)
  const space = await ada.createSpace({ name: 'Board' })
  await space.admit({ identityKey: bob.identity!.identityKey, role: 'editor', displayName: 'Bob' })
  const onBob = await bob.openSpace(space.address)
  await waitFor(() => expect(onBob.role).toBe('editor'))
  const card = onBob.db.add({ '@type': 'card', title: 'Written by Bob', votes: 1, tags: ['a', 'b'] })
  space.db.add({ '@type': 'note', title: 'Ada note' })
  await waitFor(() => expect(space.db.get(card['@id'])?.title).toBe('Written by Bob'))
  await waitFor(() => expect(onBob.db.size).toBe(2))
  if (role === 'reader') {
    await space.setRole(bob.identity!.identityKey, 'reader')
    await waitFor(() => expect(onBob.role).toBe('reader'))
  }
  return { ada, bob, space, onBob, card }
}

async function openPanel(initialTab?: Parameters<typeof EchoDevtools>[0]['initialTab']) {
  fireEvent.click(screen.getByRole('button', { name: 'Echo devtools' }))
  const panel = await screen.findByRole('region', { name: 'Devtools panel' })
  if (initialTab) fireEvent.click(within(panel).getByRole('tab', { name: initialTab[0]!.toUpperCase() + initialTab.slice(1) }))
  return panel
}

describe('EchoDevtools', () => {
  it('is a toggle until opened; the panel loads on first open, is axe-clean, and Escape closes it back to the toggle', async () => {
    const { ada } = await board()
    render(withClient(ada, <EchoDevtools />))
    const toggle = screen.getByRole('button', { name: 'Echo devtools' })
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    expect(screen.queryByRole('region')).toBeNull()
    expect(screen.getByRole('complementary', { name: 'Echo devtools' })).toBeTruthy()
    expect(screen.queryByRole('tablist')).toBeNull()
    await expectNoAxeViolations(document.body)
    const panel = await openPanel()
    expect(screen.getByRole('button', { name: 'Close echo devtools' }).getAttribute('aria-expanded')).toBe('true')
    expect(within(panel).getAllByRole('tab').map((t) => t.textContent)).toEqual(['Spaces', 'Objects', 'Queries', 'Peers', 'Network', 'Problems'])
    await expectNoAxeViolations(document.body)
    fireEvent.keyDown(within(panel).getByRole('tab', { name: 'Spaces' }), { key: 'Escape' })
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Devtools panel' })).toBeNull())
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Echo devtools' })))
  })

  it('tabs follow the arrow keys, Home and End, with one tab stop', async () => {
    const { ada } = await board()
    render(withClient(ada, <EchoDevtools initialIsOpen />))
    const panel = await screen.findByRole('region', { name: 'Devtools panel' })
    const tab = (name: string) => within(panel).getByRole('tab', { name })
    tab('Spaces').focus()
    fireEvent.keyDown(tab('Spaces'), { key: 'ArrowRight' })
    expect(document.activeElement).toBe(tab('Objects'))
    expect(tab('Objects').getAttribute('aria-selected')).toBe('true')
    expect(within(panel).getAllByRole('tab').filter((t) => t.tabIndex === 0)).toEqual([tab('Objects')])
    fireEvent.keyDown(tab('Objects'), { key: 'End' })
    expect(document.activeElement).toBe(tab('Problems'))
    fireEvent.keyDown(tab('Problems'), { key: 'ArrowRight' })
    expect(document.activeElement).toBe(tab('Spaces'))
    fireEvent.keyDown(tab('Spaces'), { key: 'ArrowLeft' })
    expect(document.activeElement).toBe(tab('Problems'))
    fireEvent.keyDown(tab('Problems'), { key: 'Home' })
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(tab('Spaces').id)
  })

  it('Spaces: role, members and the credential chain of each space', async () => {
    const { bob, onBob } = await board()
    render(withClient(bob, <EchoDevtools initialIsOpen />))
    const section = await screen.findByRole('region', { name: 'Board' })
    expect(within(section).getByText('editor', { selector: '[data-part="devtools-role"]' })).toBeTruthy()
    const members = within(section).getByRole('list', { name: 'Members of Board' })
    expect(within(members).getAllByRole('listitem').map((li) => li.textContent!.split(' ')[0])).toEqual(onBob.members.map((m) => m.displayName))
    const chain = within(section).getByRole('list', { name: 'Credential chain of Board' })
    const items = within(chain).getAllByRole('listitem').map((li) => li.textContent)
    expect(items[0]).toMatch(/^space-genesis owner created the space, by/)
    expect(items[1]).toMatch(/^member editor for Bob, by Ada \(builds on /)
    await expectNoAxeViolations(document.body)
  })

  it("Objects: finds the object another peer wrote, shows it live, and edits a field that reaches that peer", async () => {
    const { ada, space, onBob, card } = await board()
    render(withClient(ada, <EchoDevtools initialIsOpen initialTab="objects" />))
    const panel = await screen.findByRole('region', { name: 'Devtools panel' })
    expect(within(panel).getByText('2 objects')).toBeTruthy()
    fireEvent.change(within(panel).getByRole('searchbox', { name: 'Search objects' }), { target: { value: 'by bob' } })
    expect(within(panel).getByText('1 of 2 objects')).toBeTruthy()
    const list = within(panel).getByRole('list', { name: 'Objects of Board' })
    fireEvent.click(within(list).getByRole('button', { name: /Written by Bob/ }))
    const fields = within(panel).getByRole('group', { name: /^Fields of / })
    expect(fields.textContent).toContain('title: "Written by Bob"')
    expect(fields.textContent).toContain('votes: 1')
    // Live: Bob's next write shows up without any action here.
    act(() => {
      onBob.db.get(card['@id'])!.votes = 5
    })
    await waitFor(() => expect(within(panel).getByRole('group', { name: /^Fields of / }).textContent).toContain('votes: 5'))
    fireEvent.change(within(panel).getByRole('combobox', { name: 'Field' }), { target: { value: 'title' } })
    fireEvent.change(within(panel).getByRole('textbox', { name: 'Value (JSON or text)' }), { target: { value: 'Edited in devtools' } })
    fireEvent.click(within(panel).getByRole('button', { name: 'Set field' }))
    expect(within(panel).getByText('Saved title.').getAttribute('role')).toBe('status')
    expect(space.db.get(card['@id'])!.title).toBe('Edited in devtools')
    await waitFor(() => expect(onBob.db.get(card['@id'])!.title).toBe('Edited in devtools'))
    // JSON values keep their type.
    fireEvent.change(within(panel).getByRole('combobox', { name: 'Field' }), { target: { value: 'votes' } })
    fireEvent.change(within(panel).getByRole('textbox', { name: 'Value (JSON or text)' }), { target: { value: '7' } })
    fireEvent.click(within(panel).getByRole('button', { name: 'Set field' }))
    await waitFor(() => expect(onBob.db.get(card['@id'])!.votes).toBe(7))
    // The search and the selected object survive a trip to another tab.
    fireEvent.click(within(panel).getByRole('tab', { name: 'Spaces' }))
    fireEvent.click(within(panel).getByRole('tab', { name: 'Objects' }))
    expect((within(panel).getByRole('searchbox', { name: 'Search objects' }) as HTMLInputElement).value).toBe('by bob')
    expect(within(panel).getByRole('group', { name: /^Fields of / }).textContent).toContain('votes: 7')
    await expectNoAxeViolations(document.body)
    // The space picker (Objects tab only) switches the list and clears the selection.
    fireEvent.change(within(panel).getByRole('combobox', { name: 'Space' }), { target: { value: ada.defaultSpace!.id } })
    expect(within(panel).getByRole('list', { name: 'Objects of Personal' }).children).toHaveLength(0)
    expect(within(panel).queryByRole('group', { name: /^Fields of / })).toBeNull()
    fireEvent.click(within(panel).getByRole('tab', { name: 'Spaces' }))
    expect(within(panel).queryByRole('combobox', { name: 'Space' })).toBeNull()
  })

  it('Objects: an engine error is shown as data (reserved key), and nothing is written', async () => {
    const { ada, space, card } = await board()
    render(withClient(ada, <EchoDevtools initialIsOpen initialTab="objects" />))
    const panel = await screen.findByRole('region', { name: 'Devtools panel' })
    fireEvent.click(within(panel).getByRole('button', { name: /Written by Bob/ }))
    fireEvent.change(within(panel).getByRole('combobox', { name: 'Field' }), { target: { value: '@owner' } })
    fireEvent.change(within(panel).getByRole('textbox', { name: 'Value (JSON or text)' }), { target: { value: '"me"' } })
    fireEvent.click(within(panel).getByRole('button', { name: 'Set field' }))
    expect(within(panel).getByRole('alert').textContent).toMatch(/^[A-Z_]+: /)
    expect(space.db.snapshotOf(card['@id'])!['@owner']).toBeUndefined()
  })

  it('Objects: a reader sees the tree but cannot edit', async () => {
    const { bob, onBob, card } = await board('reader')
    render(withClient(bob, <EchoDevtools initialIsOpen initialTab="objects" />))
    const panel = await screen.findByRole('region', { name: 'Devtools panel' })
    fireEvent.click(within(panel).getByRole('button', { name: /Written by Bob/ }))
    expect(within(panel).getByText('Read only: your role in this space is reader.')).toBeTruthy()
    // Disabled by its fieldset: the controls match :disabled and take no input.
    expect(within(panel).getByRole('button', { name: 'Set field' }).matches(':disabled')).toBe(true)
    expect(within(panel).getByRole('combobox', { name: 'Field' }).matches(':disabled')).toBe(true)
    expect(onBob.db.get(card['@id'])!.title).toBe('Written by Bob')
    await expectNoAxeViolations(document.body)
  })

  it('Queries: live queries of mounted components, grouped, with their subscriber counts', async () => {
    const { ada, space } = await board()
    function Cards({ s }: { s: Space }) {
      const cards = useQuery(s, { '@type': 'card' })
      return <p>{cards.length} cards</p>
    }
    render(
      withClient(
        ada,
        <>
          <Cards s={space} />
          <Cards s={space} />
          <EchoDevtools initialIsOpen initialTab="queries" />
        </>,
      ),
    )
    // Listed at the panel's next refresh (once a second): the components subscribe after it rendered.
    const table = await screen.findByRole('table', { name: 'Live queries' }, { timeout: 3000 })
    const row = within(table).getByText('{"@type":"card"}').closest('tr')!
    expect([...row.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['Board', '{"@type":"card"}', 'none', '2', '2', '1'])
    // The panel's own object list does not subscribe, so it is not among them.
    expect(within(table).getAllByRole('row')).toHaveLength(2)
    cleanup()
    render(withClient(ada, <EchoDevtools initialIsOpen initialTab="queries" />))
    expect(await screen.findByText(/No live queries/)).toBeTruthy()
  })

  it('Peers, Network and Problems: traffic per peer, statuses, counters', async () => {
    const { ada } = await board()
    render(withClient(ada, <EchoDevtools initialIsOpen initialTab="peers" />))
    const panel = await screen.findByRole('region', { name: 'Devtools panel' })
    // Counting starts with the first inspection (the toggle's mount): make some traffic.
    act(() => {
      ada.spaces.find((s) => s.name === 'Board')!.db.add({ title: 'more' })
    })
    await waitFor(
      () => {
        const row = within(within(panel).getByRole('table', { name: 'Peers and sessions' })).getAllByRole('row')[1]!
        const cells = [...row.querySelectorAll('td')].map((td) => td.textContent)
        expect(cells[0]).toBe('local link')
        expect(cells[2]).toBe('connected')
        expect(cells[4]).not.toMatch(/^0 B/)
      },
      { timeout: 4000 },
    )
    fireEvent.click(within(panel).getByRole('tab', { name: 'Network' }))
    expect(within(panel).getByText('Storage used')).toBeTruthy()
    const sync = within(panel).getByRole('table', { name: 'Sync status' })
    expect(within(sync).getAllByRole('row').map((r) => r.querySelector('td')?.textContent).filter(Boolean)).toEqual(['Personal', 'Board'])
    fireEvent.click(within(panel).getByRole('tab', { name: 'Problems' }))
    expect(within(panel).getByText('No refused messages.')).toBeTruthy()
    expect(within(panel).getByRole('table', { name: 'Per space' })).toBeTruthy()
    await expectNoAxeViolations(document.body)
  })

  it('Problems: an invalid value another peer wrote is listed with its object', async () => {
    const { ada, space, bob, onBob } = await board()
    render(withClient(ada, <EchoDevtools initialIsOpen initialTab="problems" />))
    const panel = await screen.findByRole('region', { name: 'Devtools panel' })
    expect(within(panel).getByText('No invalid remote values.')).toBeTruthy()
    // Bob's client skips its own checks and writes a reserved key straight into the document.
    const id = objectId('badbad')
    injectObject(rawDocs(bob, onBob).data, id, { title: 'hostile', '@evil': true })
    await waitFor(() => expect(space.db.get(id)?.title).toBe('hostile'))
    const table = await screen.findByRole('table', { name: 'Recent invalid remote values (newest first)' }, { timeout: 3000 })
    const cells = [...within(table).getAllByRole('row')[1]!.querySelectorAll('td')].map((td) => td.textContent)
    expect(cells.slice(1)).toEqual(['Board', `${id.slice(0, 8)}…`])
    const perSpace = within(panel).getByRole('table', { name: 'Per space' })
    expect(within(perSpace).getByText('Board').closest('tr')!.querySelectorAll('td')[1]!.textContent).not.toBe('0')
    await expectNoAxeViolations(document.body)
  })

  it('takes a client without a provider; unstyled and position reach the root for your own CSS', async () => {
    const { ada } = await board()
    render(<EchoDevtools client={ada} unstyled position="bottom-left" className="mine" />)
    const root = screen.getByRole('complementary', { name: 'Echo devtools' })
    expect(root.hasAttribute('data-unstyled')).toBe(true)
    expect(root.getAttribute('data-position')).toBe('bottom-left')
    expect(root.getAttribute('data-state')).toBe('closed')
    expect(root.className).toBe('mine')
    const panel = await openPanel()
    expect(root.getAttribute('data-state')).toBe('open')
    expect(within(panel).getByRole('region', { name: 'Board' })).toBeTruthy()
  })

  it('an empty client (no identity, no spaces) opens on every tab', async () => {
    const hub = new MemorySignalingHub()
    const empty: Client = await peer(hub, 'empty')
    render(withClient(empty, <EchoDevtools initialIsOpen />))
    const panel = await screen.findByRole('region', { name: 'Devtools panel' })
    expect(within(panel).getByText('No spaces on this client yet.')).toBeTruthy()
    const expected: Record<string, RegExp> = { Objects: /No space to show/, Queries: /No live queries/, Peers: /No peers yet/, Network: /Network/, Problems: /No refused messages/ }
    for (const [tab, text] of Object.entries(expected)) {
      fireEvent.click(within(panel).getByRole('tab', { name: tab }))
      expect(within(panel).getAllByText(text).length).toBeGreaterThan(0)
    }
    await expectNoAxeViolations(document.body)
  })
})
