import '@automerge/automerge-repo'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe } from 'vitest'
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
