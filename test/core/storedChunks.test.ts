import type { StorageKey } from '@automerge/automerge-repo'
import { runStorageAdapterTests } from '@automerge/automerge-repo/helpers/tests/storage-adapter-tests.js'
import { describe, expect, it } from 'vitest'
import { StoredChunks } from '../../src/core/space/StoredChunks.ts'
import { MemoryStorageAdapter } from '../../src/storage/index.ts'

// StoredChunks sits between the Repo and the client's storage: a storage adapter like any other,
// which also knows each document's chunk names without reading the chunks twice.

/** A memory adapter that counts range reads, and can hold one until released. */
function counting() {
  const inner = new MemoryStorageAdapter()
  const reads: StorageKey[] = []
  let hold: Promise<void> | undefined
  const loadRange = inner.loadRange.bind(inner)
  inner.loadRange = async (prefix: StorageKey) => {
    reads.push(prefix)
    const result = await loadRange(prefix)
    if (hold) await hold
    return result
  }
  return { inner, reads, holdReads: (p: Promise<void>) => (hold = p) }
}

const bytes = (n: number) => new Uint8Array([n])

describe('StoredChunks', () => {
  runStorageAdapterTests(async () => ({ adapter: new StoredChunks(new MemoryStorageAdapter()) }))

  it("lists a document's chunk names once; the Repo's load of it then reads nothing again", async () => {
    const { inner, reads } = counting()
    await inner.save(['doc', 'snapshot', 'a'], bytes(1))
    await inner.save(['doc', 'incremental', 'b'], bytes(2))
    await inner.save(['doc', 'sync-state', 'peer'], bytes(3))
    const chunks = new StoredChunks(inner)
    expect(await chunks.chunkNames('doc')).toEqual(['incremental/b', 'snapshot/a'])
    const loaded = await chunks.loadRange(['doc'])
    expect(loaded.map((c) => c.key.join('/')).sort()).toEqual(['doc/incremental/b', 'doc/snapshot/a', 'doc/sync-state/peer'])
    expect(reads.length).toBe(1)
    // A second load is a real read (the kept bytes were handed over once).
    await chunks.loadRange(['doc'])
    expect(reads.length).toBe(2)
  })

  it('keeps the names up to date from saves and removals, without reading', async () => {
    const { inner, reads } = counting()
    await inner.save(['doc', 'incremental', 'b'], bytes(2))
    const chunks = new StoredChunks(inner)
    await chunks.loadRange(['doc'])
    await chunks.save(['doc', 'snapshot', 'c'], bytes(4))
    await chunks.remove(['doc', 'incremental', 'b'])
    expect(await chunks.chunkNames('doc')).toEqual(['snapshot/c'])
    await chunks.save(['doc', 'incremental', 'd'], bytes(5))
    await chunks.removeRange(['doc', 'snapshot'])
    expect(await chunks.chunkNames('doc')).toEqual(['incremental/d'])
    expect(reads.length).toBe(1)
    // What it says is what the store holds.
    expect((await inner.loadRange(['doc'])).map((c) => c.key.join('/'))).toEqual(['doc/incremental/d'])
  })

  it('a listing that a write overlapped is read again, and its bytes are not handed to a load', async () => {
    const { inner, reads, holdReads } = counting()
    await inner.save(['doc', 'incremental', 'b'], bytes(2))
    const chunks = new StoredChunks(inner)
    let release!: () => void
    holdReads(new Promise<void>((r) => (release = r)))
    const listing = chunks.chunkNames('doc')
    await new Promise((r) => setTimeout(r, 5))
    holdReads(Promise.resolve())
    await chunks.save(['doc', 'incremental', 'late'], bytes(6))
    release()
    expect(await listing).toEqual(['incremental/b', 'incremental/late'])
    const loaded = await chunks.loadRange(['doc'])
    expect(loaded.map((c) => c.key[2]).sort()).toEqual(['b', 'late'])
    // The overlapped read and the listing's second read; the load got the second one's bytes
    // (which hold the late chunk), not the overlapped ones.
    expect(reads.length).toBe(2)
  })
})
