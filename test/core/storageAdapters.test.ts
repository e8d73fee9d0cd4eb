import '@automerge/automerge-repo'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runStorageAdapterTests } from '@automerge/automerge-repo/helpers/tests/storage-adapter-tests.js'
import { NodeFSStorageAdapter } from '@automerge/automerge-repo-storage-nodefs'
import { MemoryStorageAdapter } from '../../src/storage/MemoryStorageAdapter.ts'

// Every storage implementation echo-kit ships or picks must pass automerge-repo's own suite.
describe('MemoryStorageAdapter', () => {
  runStorageAdapterTests(async () => ({ adapter: new MemoryStorageAdapter() }))
})

describe('NodeFSStorageAdapter (files)', () => {
  runStorageAdapterTests(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'echo-kit-fs-'))
    return { adapter: new NodeFSStorageAdapter(dir), teardown: () => rmSync(dir, { recursive: true, force: true }) }
  })
})

describe('storage adapters round-trip and range-remove', () => {
  it.each([
    ['memory', () => ({ adapter: new MemoryStorageAdapter(), done: () => {} })],
    ['files', () => {
      const dir = mkdtempSync(join(tmpdir(), 'echo-kit-fs-'))
      return { adapter: new NodeFSStorageAdapter(dir), done: () => rmSync(dir, { recursive: true, force: true }) }
    }],
  ] as const)('%s', async (_name, make) => {
    const { adapter, done } = make()
    await adapter.save(['doc', 'snapshot', 'a'], new Uint8Array([1, 2, 3]))
    await adapter.save(['doc', 'incremental', 'b'], new Uint8Array([4]))
    expect(await adapter.load(['doc', 'snapshot', 'a'])).toEqual(new Uint8Array([1, 2, 3]))
    expect((await adapter.loadRange(['doc'])).length).toBe(2)
    await adapter.removeRange(['doc'])
    expect(await adapter.loadRange(['doc'])).toEqual([])
    done()
  })
})
