import { expect, test, type Browser } from '@playwright/test'
import { authCodeOn, axeViolations, createIdentity, openPeer, typeCode, type Peer } from './support/demoPeers.ts'

// Presence in the demo, two real Chromium contexts over WebRTC (loopback): after an
// invitation, each sees the other's avatar in the header, and the caret one of them puts in a
// task's notes shows on the other's screen with their name, staying on its characters while
// the other types before it. Any console error or page error fails.

async function openNamedPeer(browser: Browser, peers: Peer[], name: 'host' | 'guest'): Promise<Peer> {
  const peer = await openPeer(browser, peers, name)
  await createIdentity(peer.page, name === 'host' ? 'Hana Host' : 'Gus Guest')
  return peer
}

test('two peers see each other\'s avatar and caret in the demo', async ({ browser }) => {
  test.setTimeout(90_000)
  const peers: Peer[] = []
  try {
    const host = await openNamedPeer(browser, peers, 'host')
    const guest = await openNamedPeer(browser, peers, 'guest')
    await host.page.getByLabel('New space name').fill('Launch')
    await host.page.getByRole('button', { name: 'Create space' }).click()
    await host.page.getByLabel('New task').fill('Book venue')
    await host.page.getByLabel('New task').press('Enter')
    await expect(host.page.getByLabel('Title of Book venue')).toHaveValue('Book venue')

    // Invitation through the dialogs (as e2e/invitations.spec.ts does it).
    await host.page.getByRole('button', { name: 'Invite', exact: true }).click()
    const invite = host.page.getByRole('dialog', { name: 'Invite to Launch' })
    const url = new URL(await invite.getByRole('textbox', { name: 'Invitation link' }).inputValue())
    url.searchParams.set('name', 'guest')
    await guest.page.goto(url.toString())
    const join = guest.page.getByRole('dialog', { name: 'Join a space' })
    await expect(join.getByRole('group', { name: 'Authorization code' })).toBeVisible({ timeout: 20_000 })
    await typeCode(join, await authCodeOn(invite))
    await join.getByRole('button', { name: 'Open space' }).click()
    await invite.getByRole('button', { name: 'Done' }).click()
    await expect(guest.page.getByRole('heading', { level: 1, name: 'Launch' })).toBeVisible()

    // Avatars: each header names the other, by the name the invitation recorded.
    const hereOnHost = host.page.getByRole('group', { name: 'Here now in Launch' })
    const hereOnGuest = guest.page.getByRole('group', { name: 'Here now in Launch' })
    await expect(hereOnHost).toHaveAttribute('data-state', 'present', { timeout: 20_000 })
    await expect(hereOnHost.getByRole('listitem')).toHaveText(['GGGus Guest'])
    await expect(hereOnGuest).toHaveAttribute('data-state', 'present', { timeout: 20_000 })
    await expect(hereOnGuest.getByRole('listitem')).toHaveText(['HHHana Host'])
    // The name shows on hover.
    await hereOnHost.getByRole('listitem').first().hover()
    await expect(hereOnHost.getByText('Gus Guest')).toBeVisible()

    // Carets: both open the notes; Gus puts his caret in "Hello| world".
    for (const page of [host.page, guest.page]) await page.getByRole('button', { name: 'Notes for Book venue' }).click()
    const hostNotes = host.page.getByLabel('Notes text for Book venue')
    const guestNotes = guest.page.getByLabel('Notes text for Book venue')
    await hostNotes.click()
    await hostNotes.pressSequentially('Hello world')
    await expect(guestNotes).toHaveValue('Hello world', { timeout: 15_000 })
    await guestNotes.click()
    await guestNotes.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(5, 5))
    await guestNotes.press('ArrowRight')
    await guestNotes.press('ArrowLeft')
    const caretOnHost = host.page.locator('[data-echo-remote-carets] [data-part="remote-caret"]')
    await expect(caretOnHost).toHaveText('Gus Guest', { timeout: 15_000 })
    const before = (await caretOnHost.boundingBox())!
    // Hana types at the start: Gus's caret moves right with its characters.
    await hostNotes.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(0, 0))
    await hostNotes.pressSequentially('Oh ')
    await expect(guestNotes).toHaveValue('Oh Hello world', { timeout: 15_000 })
    await expect.poll(async () => (await caretOnHost.boundingBox())!.x, { timeout: 10_000 }).toBeGreaterThan(before.x + 5)
    // And Hana's caret shows on Gus's screen.
    await expect(guest.page.locator('[data-echo-remote-carets] [data-part="remote-caret"]')).toHaveText('Hana Host', { timeout: 15_000 })
    expect(await axeViolations(host.page)).toEqual([])

    // Gus closes his tab: his avatar leaves Hana's header within 5 s.
    await guest.context.close()
    await expect(hereOnHost).toHaveAttribute('data-state', 'empty', { timeout: 5_000 })
    await expect(caretOnHost).toHaveCount(0)
    expect(peers.flatMap((p) => p.errors)).toEqual([])
  } finally {
    for (const p of peers) await p.context.close()
  }
})
