import { expect, test, type Browser, type Page } from '@playwright/test'
import { addTask, authCodeOn, axeViolations, createIdentity, openPeer, typeCode, type Peer } from './support/demoPeers.ts'

// What waits on the other peer (a join completing, an edit arriving over WebRTC) may take longer
// than a local render on a busy machine.
const NETWORK = { timeout: 30_000 }

// Invitations end to end in the demo app, as people would run them: real Chromium, one browser
// context per peer (its own IndexedDB; `?name=` picks the client), real WebRTC between them and
// the real signaling server for the invitation handshake (all on loopback). Codes are read off
// the host's screen and typed on the other side. Any console error or page error fails.
//
// One test in two steps: the device step goes on with the peers of the space step (the guest
// must still get the host's tasks after the device was revoked).

const space = (page: Page, name: string) => page.getByRole('navigation', { name: 'Spaces' }).getByRole('button', { name, exact: true })

test('space and device invitations through the dialogs, live edits, and a revoked device', async ({ browser }) => {
  test.setTimeout(180_000)
  const peers: Peer[] = []
  try {
    await test.step('a space invitation, then edits both ways', () => spaceInvitation(browser, peers))
    await test.step('a device invitation, then the device is revoked', () => deviceInvitation(browser, peers))
    expect(peers.flatMap((peer) => peer.errors)).toEqual([])
  } finally {
    for (const peer of peers) await peer.context.close()
  }
})

/** (a) Host and guest run a space invitation through the dialogs, then edit the space both ways. */
async function spaceInvitation(browser: Browser, peers: Peer[]) {
  const host = await openPeer(browser, peers, 'host')
  const guest = await openPeer(browser, peers, 'guest')
  await createIdentity(host.page, 'Hana')
  await createIdentity(guest.page, 'Gus')

  // The host's personal space cannot be shared, and says why.
  const personalInvite = host.page.getByRole('button', { name: 'Invite', exact: true })
  await expect(personalInvite).toHaveAttribute('aria-disabled', 'true')
  await expect(personalInvite).toHaveAccessibleDescription(/personal space is private/)

  await host.page.getByLabel('New space name').fill('Launch')
  await host.page.getByRole('button', { name: 'Create space' }).click()
  await expect(host.page.getByRole('heading', { level: 1, name: 'Launch' })).toBeVisible()
  await addTask(host.page, 'Book venue')

  // Host: Invite -> the dialog shows the link and code.
  await host.page.getByRole('button', { name: 'Invite', exact: true }).click()
  const invite = host.page.getByRole('dialog', { name: 'Invite to Launch' })
  const link = await invite.getByRole('textbox', { name: 'Invitation link' }).inputValue()
  expect(link).toMatch(/#join=[\w-]{40,}$/)
  expect(new URL(link).searchParams.has('name')).toBe(false) // a link for someone else's browser

  // Guest: opens the link in the tab they have open (same page, new hash): Join opens by itself.
  const url = new URL(link)
  url.searchParams.set('name', 'guest')
  await guest.page.goto(url.toString())
  const join = guest.page.getByRole('dialog', { name: 'Join a space' })
  await expect(join.getByRole('group', { name: 'Authorization code' })).toBeVisible({ timeout: 20_000 })

  // The host reads out the 6-digit code; the guest types it.
  await typeCode(join, await authCodeOn(invite))
  await expect(join.getByRole('heading', { name: 'You joined Launch' })).toBeVisible(NETWORK)
  await expect(invite.getByRole('heading', { name: 'Gus joined Launch' })).toBeVisible(NETWORK)

  await join.getByRole('button', { name: 'Open space' }).click()
  await expect(join).toHaveCount(0)
  await expect(guest.page).toHaveURL(/\?name=guest$/) // the spent code left the URL
  await expect(guest.page.getByRole('heading', { level: 1, name: 'Launch' })).toBeVisible(NETWORK)
  await expect(space(guest.page, 'Launch')).toHaveAttribute('aria-current', 'page')
  await expect(guest.page.getByLabel('Title of Book venue')).toBeVisible({ timeout: 20_000 })
  await invite.getByRole('button', { name: 'Done' }).click()
  await expect(invite).toHaveCount(0)

  // Both see both members; the guest (an editor) cannot invite and is told why.
  for (const { page } of [host, guest]) {
    const members = page.getByRole('list', { name: 'Members of Launch' })
    await expect(members.getByRole('listitem')).toHaveCount(2)
    await expect(members.getByRole('listitem').filter({ hasText: 'Gus' })).toContainText('Editor')
    await expect(members.getByRole('listitem').filter({ hasText: 'Hana' })).toContainText('Owner')
  }
  await expect(guest.page.getByRole('button', { name: 'Invite', exact: true })).toHaveAccessibleDescription(/Only owners and admins/)
  expect(await axeViolations(host.page)).toEqual([])
  expect(await axeViolations(guest.page)).toEqual([])

  // Edits both ways, live over WebRTC.
  await addTask(guest.page, 'Order snacks')
  await expect(host.page.getByLabel('Title of Order snacks')).toBeVisible(NETWORK)
  await addTask(host.page, 'Print badges')
  await expect(guest.page.getByLabel('Title of Print badges')).toBeVisible(NETWORK)
  await guest.page.getByLabel('Done: Book venue').check()
  await expect(host.page.getByLabel('Done: Book venue')).toBeChecked()
  await host.page.getByLabel('Done: Order snacks').check()
  await expect(guest.page.getByLabel('Done: Order snacks')).toBeChecked()
  await expect(host.page.getByRole('banner').getByText('Online · 1 peer')).toBeVisible(NETWORK)
  expect([...host.errors, ...guest.errors]).toEqual([])
}

/**
 * (b) A fresh client joins as a device of the host's identity, gets its spaces and tasks; once
 * the host revokes it, the host's next task reaches the guest but not the device.
 */
async function deviceInvitation(browser: Browser, peers: Peer[]) {
  const [host, guest] = peers as [Peer, Peer]
  const phone = await openPeer(browser, peers, 'phone')
  await expect(phone.page.getByRole('heading', { name: "What's your name?" })).toBeVisible()

  // Host: Devices -> Add a device.
  await host.page.getByRole('navigation', { name: 'Account' }).getByRole('button', { name: 'Devices' }).click()
  await expect(host.page.getByRole('heading', { level: 1, name: 'Your devices' })).toBeVisible()
  const hostDevices = host.page.getByRole('list', { name: 'Devices of Hana' })
  await expect(hostDevices.getByRole('listitem')).toHaveCount(1)
  expect(await axeViolations(host.page)).toEqual([])
  await host.page.getByRole('button', { name: 'Add a device' }).click()
  const invite = host.page.getByRole('dialog', { name: 'Add a device' })
  // The raw code sits behind a disclosure (the link is the main way to share it).
  await invite.getByText('Show the invitation code').click()
  const code = await invite.getByRole('textbox', { name: 'Invitation code' }).inputValue()

  // The new device: "Link this device" on the welcome screen, paste the code, type the digits.
  await phone.page.getByRole('button', { name: 'Link this device' }).click()
  const join = phone.page.getByRole('dialog', { name: 'Link this device' })
  await expect(join.getByLabel('Invitation code or link')).toBeFocused()
  expect(await axeViolations(phone.page)).toEqual([])
  await join.getByLabel('Invitation code or link').fill(code)
  // Asked for its name (suggested from the browser), which both device lists then show.
  await expect(join.getByLabel('Name of this device')).toHaveValue(/^\w+ on \w+$/)
  await join.getByLabel('Name of this device').fill('Hana’s phone')
  await join.getByRole('button', { name: 'Join', exact: true }).click()
  await typeCode(join, await authCodeOn(invite))
  await expect(join.getByRole('heading', { name: 'This device now belongs to Hana' })).toBeVisible(NETWORK)
  await expect(invite.getByRole('heading', { name: /added to your devices|new device was added/ })).toBeVisible(NETWORK)
  await invite.getByRole('button', { name: 'Done' }).click()
  await expect(hostDevices.getByRole('listitem')).toHaveCount(2)
  await expect(hostDevices.locator('[data-part="name"]').filter({ hasText: 'Hana’s phone' })).toBeVisible()

  await join.getByRole('button', { name: 'Done' }).click()
  await expect(phone.page.getByRole('banner').getByText('Hana', { exact: true })).toBeVisible(NETWORK)
  // The identity's spaces and their tasks arrive on the new device.
  await expect(space(phone.page, 'Launch')).toBeVisible({ timeout: 20_000 })
  await space(phone.page, 'Launch').click()
  await expect(phone.page.getByLabel('Title of Print badges')).toBeVisible({ timeout: 20_000 })
  await expect(phone.page.getByLabel('Done: Book venue')).toBeChecked()
  await expect(phone.page.getByLabel('Done: Order snacks')).toBeChecked()
  // Only the first device manages devices; this one says where that happens.
  await phone.page.getByRole('navigation', { name: 'Account' }).getByRole('button', { name: 'Devices' }).click()
  await expect(phone.page.getByRole('list', { name: 'Devices of Hana' }).getByRole('listitem')).toHaveCount(2)
  await expect(phone.page.getByRole('list', { name: 'Devices of Hana' }).locator('[data-part="name"]').filter({ hasText: 'Hana’s phone' })).toBeVisible()
  await expect(phone.page.getByRole('button', { name: 'Add a device' })).toHaveCount(0)
  await expect(phone.page.getByText('Devices are added and revoked on the device that created the identity.')).toBeVisible()
  await space(phone.page, 'Launch').click()

  // Live while linked: a task from the host reaches the device.
  await space(host.page, 'Launch').click()
  await addTask(host.page, 'Before revoking')
  await expect(phone.page.getByLabel('Title of Before revoking')).toBeVisible(NETWORK)

  // The host revokes the device in the device list.
  await host.page.getByRole('navigation', { name: 'Account' }).getByRole('button', { name: 'Devices' }).click()
  const other = hostDevices.getByRole('listitem').filter({ hasNotText: 'this device' })
  await other.getByRole('button', { name: /^Revoke/ }).click()
  await other.getByRole('group').getByRole('button', { name: /^Revoke/ }).click()
  await expect(hostDevices.getByRole('listitem')).toHaveCount(1)
  await expect(host.page.getByText('1 device', { exact: true })).toBeVisible(NETWORK)

  // A task added afterwards reaches the guest but not the revoked device.
  await space(host.page, 'Launch').click()
  await addTask(host.page, 'After revoking')
  await expect(guest.page.getByLabel('Title of After revoking')).toBeVisible(NETWORK)
  await phone.page.waitForTimeout(4_000)
  await expect(phone.page.getByLabel('Title of After revoking')).toHaveCount(0)
  await expect(phone.page.getByLabel('Title of Before revoking')).toBeVisible(NETWORK)
}
