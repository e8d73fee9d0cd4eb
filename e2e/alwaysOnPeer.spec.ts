import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { startPeer, type AlwaysOnPeer } from '../src/server/index.ts'

// The always-on peer (Node, file storage) with browser peers (Chromium contexts, IndexedDB),
// over real WebRTC and the real signaling server, all on loopback: a space stays available
// while its members' browsers are closed.
const SIGNAL_URL = 'ws://127.0.0.1:4199' // playwright.config.ts starts the signaling server here

type W = { client: any; echo: { createClient: (o: object) => Promise<unknown> }; signalingUrl: string }

async function openClient(page: Page, name: string): Promise<void> {
  await page.goto('/e2e.html')
  await expect(page.locator('#status')).toHaveText('ready')
  await page.evaluate(async (name) => {
    const w = window as unknown as W
    w.client = await w.echo.createClient({ storage: 'indexeddb', name, signaling: w.signalingUrl })
  }, name)
}
/** Leaves the page (the client goes away with it); the context keeps its IndexedDB. */
async function closeClient(page: Page): Promise<void> {
  await page.evaluate(async () => (window as unknown as W).client.close())
  await page.goto('about:blank')
}
const titles = (page: Page, id: string) =>
  page.evaluate((id) => {
    const space = (window as unknown as W).client.getSpace(id)
    return space && space.status === 'ready' ? space.db.query({ '@type': 'task' }, { sort: 'title' }).objects.map((o: any) => `${o.title}:${o.done}`) : []
  }, id)

test('a space stays available through the always-on peer while its members are away', async ({ browser }) => {
  test.setTimeout(120_000)
  const dir = mkdtempSync(join(tmpdir(), 'echo-kit-e2e-peer-'))
  let peer: AlwaysOnPeer | undefined
  const contexts: BrowserContext[] = []
  try {
    peer = await startPeer({ directory: dir, signaling: SIGNAL_URL, bindAddress: '127.0.0.1', port: 0 })
    const peerKey = peer.client.identity!.identityKey
    const context = async () => {
      const c = await browser.newContext({ permissions: ['microphone'] })
      contexts.push(c)
      return c.newPage()
    }
    const a = await context()
    const b = await context()

    // Bob has an identity; Alice creates the space, admits Bob and the peer, writes.
    await openClient(b, 'bob')
    const bobKey = await b.evaluate(async () => {
      const { client } = window as unknown as W
      await client.createIdentity({ displayName: 'Bob' })
      return client.identity.identityKey as string
    })
    await closeClient(b)
    await openClient(a, 'alice')
    const { address, id } = await a.evaluate(
      async ({ bobKey, peerKey }) => {
        const { client } = window as unknown as W
        await client.createIdentity({ displayName: 'Alice' })
        const space = await client.createSpace({ name: 'Kept' })
        await space.admit({ identityKey: peerKey, role: 'editor' })
        await space.admit({ identityKey: bobKey, role: 'editor' })
        space.db.add({ '@type': 'task', title: 'written by alice', done: false })
        await space.db.flush()
        return { address: space.address as string, id: space.id as string }
      },
      { bobKey, peerKey },
    )
    const served = await peer.serve(address)
    await expect.poll(() => served.db.query({ '@type': 'task' }).objects.length, { timeout: 30_000 }).toBe(1)
    await closeClient(a) // Alice's browser is gone

    // Bob never met Alice: everything comes from the peer.
    await openClient(b, 'bob')
    await b.evaluate(async (address) => (window as unknown as W).client.openSpace(address, { timeout: 30_000 }), address)
    await expect.poll(() => titles(b, id), { timeout: 30_000 }).toEqual(['written by alice:false'])
    await closeClient(b)

    // Alice comes back offline, edits, goes online, leaves again: her edit reaches the peer...
    await openClient(a, 'alice')
    await a.evaluate(async (id) => {
      const { client } = window as unknown as W
      client.setOnline(false)
      const space = client.getSpace(id)
      await space.whenReady()
      space.db.query({ title: 'written by alice' }).objects[0].done = true
      space.db.add({ '@type': 'task', title: 'alice offline', done: false })
      await space.db.flush()
      client.setOnline(true)
    }, id)
    await expect.poll(() => served.db.query({ '@type': 'task', done: true }).objects.length, { timeout: 30_000 }).toBe(1)
    await expect.poll(() => served.db.query({ '@type': 'task' }).objects.length, { timeout: 30_000 }).toBe(2)
    await closeClient(a)

    // ...and Bob, back later, gets it from the peer.
    await openClient(b, 'bob')
    await expect.poll(() => titles(b, id), { timeout: 30_000 }).toEqual(['alice offline:false', 'written by alice:true'])
  } finally {
    for (const c of contexts) await c.close()
    await peer?.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
