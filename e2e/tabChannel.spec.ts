import { expect, test, type Page } from '@playwright/test'

// Attack (issue 10, "every message bound to its session"): a same-origin script posts to the
// BroadcastChannel a client's tabs would use. Whatever answers there is trusted as this device
// (no session, no gate), so the channel exists only when the app asks for it (`broadcast: true`).

async function openClient(page: Page, options: object) {
  await page.goto('/e2e.html')
  await expect(page.locator('#status')).toHaveText('ready')
  await page.evaluate(async (options) => {
    const w = window as unknown as { client: any; echo: { createClient: (o: object) => Promise<any> } }
    w.client = await w.echo.createClient({ storage: 'indexeddb', signaling: false, ...options })
    await w.client.createIdentity({ displayName: 'Victim' })
    const space = await w.client.createSpace({ name: 'Private' })
    space.db.add({ title: 'secret' })
  }, options)
}

/** A script in another tab of the origin announces itself on the channel; true if a client answers. */
function probe(page: Page, channel: string): Promise<boolean> {
  return page.evaluate(
    (channel) =>
      new Promise<boolean>((resolve) => {
        const bc = new BroadcastChannel(channel)
        bc.onmessage = (e) => {
          if (e.data?.type === 'welcome' && e.data?.targetId === 'mallory') resolve(true)
        }
        bc.postMessage({ type: 'arrive', senderId: 'mallory', peerMetadata: {} })
        setTimeout(() => resolve(false), 2_000)
      }),
    channel,
  )
}

test('with default options no tab channel exists: a same-origin script gets no answer', async ({ context }) => {
  const victim = await context.newPage()
  await openClient(victim, { name: 'quiet' })
  const attacker = await context.newPage()
  await attacker.goto('/e2e.html')
  expect(await probe(attacker, 'echo-kit:quiet')).toBe(false)
})

test('the app turns tab sync on explicitly: then the channel answers (trusted as this device)', async ({ context }) => {
  const victim = await context.newPage()
  await openClient(victim, { name: 'tabs-on', broadcast: true })
  const attacker = await context.newPage()
  await attacker.goto('/e2e.html')
  expect(await probe(attacker, 'echo-kit:tabs-on')).toBe(true)
})
