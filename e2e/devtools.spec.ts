import { expect, test, type Browser } from '@playwright/test'
import { addTask, authCodeOn, axeViolations, createIdentity, openPeer, typeCode, type Peer } from './support/demoPeers.ts'

// <EchoDevtools /> in the demo, as a developer would use it: two real peers (one Chromium
// context each, real IndexedDB, WebRTC on loopback, the real signaling server) share a space
// through the invitation dialogs; the guest writes a task; the host opens the devtools, finds
// that object, edits its title in the panel, and the guest sees the edit. Keyboard only inside
// the panel; axe-clean with the panel open. Any console or page error fails.

/** Host invites, guest joins through the link and the 6-digit code (as e2e/invitations.spec.ts). */
async function share(host: Peer, guest: Peer, spaceName: string) {
  await host.page.getByLabel('New space name').fill(spaceName)
  await host.page.getByRole('button', { name: 'Create space' }).click()
  await expect(host.page.getByRole('heading', { level: 1, name: spaceName })).toBeVisible()
  await host.page.getByRole('button', { name: 'Invite', exact: true }).click()
  const invite = host.page.getByRole('dialog', { name: `Invite to ${spaceName}` })
  const url = new URL(await invite.getByRole('textbox', { name: 'Invitation link' }).inputValue())
  url.searchParams.set('name', guest.name)
  await guest.page.goto(url.toString())
  const join = guest.page.getByRole('dialog', { name: 'Join a space' })
  await expect(join.getByRole('group', { name: 'Authorization code' })).toBeVisible({ timeout: 20_000 })
  await typeCode(join, await authCodeOn(invite))
  await join.getByRole('button', { name: 'Open space' }).click()
  await invite.getByRole('button', { name: 'Done' }).click()
  await expect(guest.page.getByRole('heading', { level: 1, name: spaceName })).toBeVisible()
}

test('devtools in the demo: find an object another peer wrote, edit a field, the other peer sees it', async ({ browser }) => {
  const peers: Peer[] = []
  try {
    const host = await openPeer(browser, peers, 'host')
    const guest = await openPeer(browser, peers, 'guest')
    await createIdentity(host.page, 'Hana')
    await createIdentity(guest.page, 'Gus')
    await share(host, guest, 'Launch')
    await addTask(guest.page, 'Written by Gus')
    await expect(host.page.getByLabel('Title of Written by Gus')).toBeVisible({ timeout: 20_000 })

    // Closed, the devtools are one button; the panel's code is fetched when it first opens.
    const page = host.page
    const toggle = page.getByRole('button', { name: 'Echo devtools' })
    await expect(toggle).toHaveAttribute('aria-expanded', 'false')
    await expect(page.getByRole('region', { name: 'Devtools panel' })).toHaveCount(0)
    await toggle.focus()
    await page.keyboard.press('Enter')
    const panel = page.getByRole('region', { name: 'Devtools panel' })
    await expect(panel).toBeVisible()

    // Spaces: the host owns Launch, Gus is an editor.
    const launch = panel.getByRole('region', { name: 'Launch' })
    await expect(launch.locator('[data-part="devtools-role"]')).toHaveText('owner')
    await expect(launch.getByRole('list', { name: 'Members of Launch' })).toContainText('Gus editor')
    await expect(launch.getByRole('list', { name: 'Credential chain of Launch' }).getByRole('listitem')).toHaveCount(2)
    expect(await axeViolations(page)).toEqual([])

    // Peers: Gus's device, connected over a verified session, with traffic both ways.
    await panel.getByRole('tab', { name: 'Spaces' }).focus()
    await page.keyboard.press('ArrowRight') // Objects
    await page.keyboard.press('ArrowRight') // Queries
    await page.keyboard.press('ArrowRight') // Peers
    await expect(panel.getByRole('tab', { name: 'Peers' })).toHaveAttribute('aria-selected', 'true')
    const gus = panel.getByRole('table', { name: 'Peers and sessions' }).getByRole('row').filter({ hasText: 'Gus' })
    await expect(gus).toContainText('connected')
    await expect(gus.locator('td').nth(3)).not.toHaveText(/^0 B/)
    expect(await axeViolations(page)).toEqual([])

    // Objects of Launch: search for the guest's task, open it, set its title.
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('ArrowLeft') // Objects
    await panel.getByLabel('Space').selectOption({ label: 'Launch' })
    await panel.getByRole('searchbox', { name: 'Search objects' }).fill('written by gus')
    const list = panel.getByRole('list', { name: 'Objects of Launch' })
    await expect(list.getByRole('listitem')).toHaveCount(1)
    await list.getByRole('button', { name: /Written by Gus/ }).press('Enter')
    const fields = panel.getByRole('group', { name: /^Fields of / })
    await expect(fields).toContainText('title: "Written by Gus"')
    await expect(fields).toContainText('done: false')
    await panel.getByRole('combobox', { name: 'Field' }).fill('title')
    await panel.getByRole('textbox', { name: 'Value (JSON or text)' }).fill('Edited in devtools')
    await panel.getByRole('textbox', { name: 'Value (JSON or text)' }).press('Enter')
    await expect(panel.getByRole('status').filter({ hasText: 'Saved title.' })).toBeVisible()
    await expect(fields).toContainText('title: "Edited in devtools"')
    expect(await axeViolations(page)).toEqual([])
    // The selection survives a look at another tab.
    await panel.getByRole('tab', { name: 'Network' }).click()
    await expect(panel.locator('[data-part="devtools-network-status"]')).toHaveText('online')
    await panel.getByRole('tab', { name: 'Objects' }).click()
    await expect(fields).toContainText('title: "Edited in devtools"')

    // The edit went through the engine like any other: the guest's board shows it.
    await expect(guest.page.getByLabel('Title of Edited in devtools')).toHaveValue('Edited in devtools', { timeout: 20_000 })
    // And the guest's own write shows live in the host's open panel.
    await guest.page.getByLabel('Done: Edited in devtools').check()
    await expect(fields).toContainText('done: true', { timeout: 20_000 })

    // Escape closes the panel and gives focus back to the toggle.
    await page.keyboard.press('Escape')
    await expect(panel).toHaveCount(0)
    await expect(toggle).toBeFocused()
    expect(peers.flatMap((p) => p.errors)).toEqual([])
  } finally {
    for (const p of peers) await p.context.close()
  }
})
