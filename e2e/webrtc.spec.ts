import { expect, test, type Page } from '@playwright/test'

// Two browser contexts = two peers, each with its own IndexedDB, syncing over real WebRTC
// through the real signaling server (all on loopback). The harness page exposes the engine.

async function open(page: Page, name: string) {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.goto('/e2e.html')
  await expect(page.locator('#status')).toHaveText('ready')
  await page.evaluate(async (name) => {
    const w = window as unknown as { client: unknown; echo: { createClient: (o: object) => Promise<unknown> }; signalingUrl: string }
    w.client = await w.echo.createClient({ storage: 'indexeddb', name, signaling: w.signalingUrl })
  }, name)
  return errors
}

type Harness = {
  client: {
    identity: { identityKey: string } | null
    createIdentity(o: object): Promise<unknown>
    createSpace(o: object): Promise<unknown>
    openSpace(a: string, o?: object): Promise<unknown>
    getSpace(id: string): any
    spaces: any[]
  }
}

test('two peers share a space admitted by key, edit offline, merge, and keep it after reload', async ({ browser }) => {
  const ctxA = await browser.newContext({ permissions: ['microphone'] })
  const ctxB = await browser.newContext({ permissions: ['microphone'] })
  const a = await ctxA.newPage()
  const b = await ctxB.newPage()
  const errorsA = await open(a, 'alice')
  const errorsB = await open(b, 'bob')

  const bobKey = await b.evaluate(async () => {
    const { client } = window as unknown as Harness
    await client.createIdentity({ displayName: 'Bob' })
    return client.identity!.identityKey
  })
  const { address, id } = await a.evaluate(async (bobKey) => {
    const { client } = window as unknown as Harness
    await client.createIdentity({ displayName: 'Alice' })
    const space: any = await client.createSpace({ name: 'Shared' })
    await space.admit({ identityKey: bobKey, role: 'editor' })
    space.db.add({ '@type': 'task', title: 'from alice', done: false })
    await space.db.flush()
    return { address: space.address, id: space.id }
  }, bobKey)

  await b.evaluate(async (address) => {
    const { client } = window as unknown as Harness
    await client.openSpace(address, { timeout: 20000 })
  }, address)
  const titles = (page: Page) =>
    page.evaluate((id) => {
      const space = (window as unknown as Harness).client.getSpace(id)
      return space ? space.db.query({ '@type': 'task' }, { sort: 'title' }).objects.map((o: any) => `${o.title}:${o.done}`) : []
    }, id)
  await expect.poll(() => titles(b), { timeout: 20_000 }).toEqual(['from alice:false'])

  // Bob edits, Alice sees it.
  await b.evaluate((id) => {
    const space = (window as unknown as Harness).client.getSpace(id)
    space.db.add({ '@type': 'task', title: 'from bob', done: false })
  }, id)
  await expect.poll(() => titles(a), { timeout: 20_000 }).toEqual(['from alice:false', 'from bob:false'])

  // Bob goes offline (the context's network and the page's online state); both edit.
  await ctxB.setOffline(true)
  await b.evaluate(() => window.dispatchEvent(new Event('offline')))
  await b.waitForFunction(() => (window as any).client.network.getSnapshot().peers === 0, null, { timeout: 20_000 })
  await a.evaluate((id) => {
    const space = (window as unknown as Harness).client.getSpace(id)
    space.db.query({ title: 'from bob' }).objects[0].done = true
    space.db.add({ '@type': 'task', title: 'alice while bob offline', done: false })
  }, id)
  await b.evaluate((id) => {
    const space = (window as unknown as Harness).client.getSpace(id)
    space.db.query({ title: 'from alice' }).objects[0].done = true
    space.db.add({ '@type': 'task', title: 'bob offline', done: false })
  }, id)
  await b.waitForTimeout(500)
  expect(await titles(a)).not.toContain('bob offline:false')

  // Back online: both show the merged result.
  await ctxB.setOffline(false)
  await b.evaluate(() => window.dispatchEvent(new Event('online')))
  const merged = ['alice while bob offline:false', 'bob offline:false', 'from alice:true', 'from bob:true']
  await expect.poll(() => titles(a), { timeout: 30_000 }).toEqual(merged)
  await expect.poll(() => titles(b), { timeout: 30_000 }).toEqual(merged)

  // After a reload (real IndexedDB), everything is still there.
  await b.evaluate(async () => {
    const { client } = window as unknown as Harness & { client: { spaces: any[] } }
    for (const s of client.spaces) await s.db.flush()
  })
  await b.reload()
  await expect(b.locator('#status')).toHaveText('ready')
  await b.evaluate(async () => {
    const w = window as unknown as { client: any; echo: { createClient: (o: object) => Promise<unknown> } }
    w.client = await w.echo.createClient({ storage: 'indexeddb', name: 'bob', broadcast: false })
  })
  await expect.poll(() => titles(b), { timeout: 20_000 }).toEqual(merged)
  expect(errorsA).toEqual([])
  expect(errorsB).toEqual([])
  await ctxA.close()
  await ctxB.close()
})
