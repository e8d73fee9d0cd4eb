import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Repo, type PeerId, type StorageAdapterInterface, type StorageKey } from '@automerge/automerge-repo'
import { afterEach, describe, expect, it } from 'vitest'
import { createClient, type Client, type Space } from '../../src/core.ts'
import { Client as ClientClass } from '../../src/core/client/Client.ts'
import { LocalRecordStore } from '../../src/core/client/LocalRecord.ts'
import { decodeSpaceAddress } from '../../src/core/space/index.ts'
import { StoredChunks } from '../../src/core/space/StoredChunks.ts'
import { WARM_START_MIN_OBJECTS } from '../../src/core/space/WarmStart.ts'
import { PrivateFileStorageAdapter } from '../../src/storage/PrivateFileStorageAdapter.ts'

// Fast reopen of a large space (WarmStart): its read model is saved next to its document, keyed
// by the stored chunks' names; a reopen answers queries from it while Automerge loads behind.

const dirs: string[] = []
const clients: Client[] = []
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()))
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const COUNT = WARM_START_MIN_OBJECTS + 200
const CACHE_KEY = 'echo-read-model'

async function fill(dir: string, count = COUNT): Promise<{ spaceId: string; dataDocId: string; titles: string[] }> {
  const client = await createClient({ storage: { directory: dir }, signaling: false, broadcast: false })
  await client.createIdentity({ displayName: 'Ada' })
  const space = await client.createSpace({ name: 'Big board' })
  for (let i = 0; i < count; i++) space.db.add({ '@type': 'task', title: `task ${i}`, done: i % 2 === 0, body: `body ${i}` })
  await space.db.flush()
  const titles = space.db.query({ '@type': 'task' }).objects.map((o) => o.title as string)
  const { dataDocId } = decodeSpaceAddress(space.address)
  await client.close()
  return { spaceId: space.id, dataDocId, titles }
}

/** A storage adapter whose loads of one document's chunks wait until released. */
function holdingLoads(inner: StorageAdapterInterface, docId: string): { storage: StorageAdapterInterface; release: () => void } {
  let release!: () => void
  const released = new Promise<void>((r) => (release = r))
  const storage: StorageAdapterInterface = {
    load: (key) => inner.load(key),
    save: (key, data) => inner.save(key, data),
    remove: (key) => inner.remove(key),
    loadRange: async (prefix: StorageKey) => {
      if (prefix[0] === docId) await released
      return inner.loadRange(prefix)
    },
    removeRange: (prefix) => inner.removeRange(prefix),
  }
  return { storage, release }
}

/**
 * A client over `files` whose Repo's loads of `docId` wait until `release()`; the saved copy is
 * read around that hold (as createClient wires it, the Repo's writes go through the same
 * StoredChunks, so its chunk names stay known).
 */
async function heldClient(files: StorageAdapterInterface, docId: string): Promise<{ client: Client; release: () => void }> {
  const storage = new StoredChunks(files)
  const { storage: held, release } = holdingLoads(storage, docId)
  const record = await LocalRecordStore.load(storage)
  const repo = new Repo({ storage: held, network: [], peerId: `warm-${Math.random().toString(16).slice(2)}` as PeerId, saveDebounceRate: 20 })
  const client = new ClientClass({ signaling: false, broadcast: false }, { repo, record, network: undefined, saveDebounceMs: 20, storage })
  clients.push(client)
  return { client, release }
}

function titlesOf(space: Space): string[] {
  return space.db.query({ '@type': 'task' }).objects.map((o) => o.title as string)
}

describe('warm start: a large space reopens from its saved read model', () => {
  it('answers queries before its document loads, queues writes until it does, and keeps them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'echo-warm-'))
    dirs.push(dir)
    const { spaceId, dataDocId, titles } = await fill(dir)
    const files = await PrivateFileStorageAdapter.open(dir)
    expect(await files.load([CACHE_KEY, dataDocId])).toBeDefined()

    const { client, release } = await heldClient(files, dataDocId)
    const space = client.getSpace(spaceId)!
    await space.whenReady()
    // Ready while automerge-repo still waits for the document's chunks.
    expect(client.repo.handles[dataDocId as never]?.isReady() ?? false).toBe(false)
    expect(space.status).toBe('ready')
    expect(space.name).toBe('Big board')
    expect(space.db.status).toBe('ready')
    expect(titlesOf(space)).toEqual(titles)
    expect(space.db.query({ '@type': 'task', done: true }).objects.length).toBe(Math.ceil(COUNT / 2))

    // Writes while warm: visible at once, committed once the document binds.
    const first = space.db.query({ '@type': 'task' }).objects[0]!
    first.title = 'renamed while warm'
    const added = space.db.add({ '@type': 'task', title: 'added while warm', body: 'x' })
    const body = space.db.text(added, 'body')
    const cursor = body.cursor(1)
    expect(body.position(cursor)).toBe(1)
    expect(titlesOf(space)).toContain('added while warm')
    const flushed = space.db.flush()
    release()
    await flushed
    expect(client.repo.handles[dataDocId as never]!.isReady()).toBe(true)
    expect(titlesOf(space)[0]).toBe('renamed while warm')
    expect(titlesOf(space)).toContain('added while warm')
    await client.close()

    // A cold load (no saved copy) of what was stored holds the writes made while warm.
    await files.remove([CACHE_KEY, dataDocId])
    const cold = await createClient({ storage: { directory: dir }, signaling: false, broadcast: false })
    clients.push(cold)
    const again = cold.getSpace(spaceId)!
    await again.whenReady()
    expect(titlesOf(again).length).toBe(COUNT + 1)
    expect(titlesOf(again)[0]).toBe('renamed while warm')
    expect(titlesOf(again)).toContain('added while warm')
  })

  it('a copy that no longer matches the stored chunks is ignored (the document is the truth)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'echo-warm-'))
    dirs.push(dir)
    const { spaceId, dataDocId } = await fill(dir)
    const files = await PrivateFileStorageAdapter.open(dir)
    const saved = await files.load([CACHE_KEY, dataDocId])
    // Another run changes the space and crashes before saving a new copy: put the old one back.
    const other = await createClient({ storage: { directory: dir }, signaling: false, broadcast: false })
    const changing = other.getSpace(spaceId)!
    await changing.whenReady()
    changing.db.add({ '@type': 'task', title: 'written after the copy' })
    await changing.db.flush()
    await other.close()
    await files.save([CACHE_KEY, dataDocId], saved!)

    const { client, release } = await heldClient(files, dataDocId)
    const space = client.getSpace(spaceId)!
    // The old copy is not used: the space waits for its document.
    const early = await Promise.race([space.whenReady().then(() => 'ready'), new Promise((r) => setTimeout(() => r('waiting'), 1_000))])
    expect(early).toBe('waiting')
    expect(space.db.status).toBe('loading')
    release()
    await space.whenReady()
    expect(titlesOf(space)).toContain('written after the copy')
    expect(titlesOf(space).length).toBe(COUNT + 1)
  })

  it('a copy that lies about its objects is corrected by the document once it loads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'echo-warm-'))
    dirs.push(dir)
    const { spaceId, dataDocId, titles } = await fill(dir)
    const files = await PrivateFileStorageAdapter.open(dir)
    const stored = JSON.parse(new TextDecoder().decode(await files.load([CACHE_KEY, dataDocId]))) as { entries: [string, Record<string, unknown>][] }
    stored.entries[0]![1] = { ...stored.entries[0]![1], title: 'tampered' }
    stored.entries.push(['f'.repeat(32), { '@type': 'task', title: 'invented' }])
    await files.save([CACHE_KEY, dataDocId], new TextEncoder().encode(JSON.stringify(stored)))

    const { client, release } = await heldClient(files, dataDocId)
    const space = client.getSpace(spaceId)!
    await space.whenReady()
    const rows = space.db.query({ '@type': 'task' })
    expect(rows.objects.map((o) => o.title)).toContain('tampered')
    const untouched = rows.objects.find((o) => o.title === titles[1])!
    release()
    await space.db.flush()
    expect(titlesOf(space)).toEqual(titles)
    // Objects that matched keep their identity (nothing re-renders for them).
    expect(space.db.query({ '@type': 'task' }).objects.find((o) => o.title === titles[1])).toBe(untouched)
  })

  it('a damaged copy is ignored; small spaces save none; leaving deletes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'echo-warm-'))
    dirs.push(dir)
    const { spaceId, dataDocId } = await fill(dir)
    const files = await PrivateFileStorageAdapter.open(dir)
    for (const damaged of ['not json', '{"format":1,"chunks":"x"}', JSON.stringify({ format: 1, name: 'n', invalidValues: 0, chunks: [], entries: [[1, null]] })]) {
      await files.save([CACHE_KEY, dataDocId], new TextEncoder().encode(damaged))
      const client = await createClient({ storage: files, signaling: false, broadcast: false })
      const space = client.getSpace(spaceId)!
      await space.whenReady()
      expect(titlesOf(space).length).toBe(COUNT)
      expect(client.stats().backgroundFailures).toBe(0)
      await client.close()
    }

    const small = mkdtempSync(join(tmpdir(), 'echo-warm-'))
    dirs.push(small)
    const { dataDocId: smallDoc } = await fill(small, 10)
    expect(await (await PrivateFileStorageAdapter.open(small)).load([CACHE_KEY, smallDoc])).toBeUndefined()

    const client = await createClient({ storage: files, signaling: false, broadcast: false })
    clients.push(client)
    const space = client.getSpace(spaceId)!
    await space.whenReady()
    expect(await files.load([CACHE_KEY, dataDocId])).toBeDefined()
    await space.leave()
    expect(await files.load([CACHE_KEY, dataDocId])).toBeUndefined()
  })
})
