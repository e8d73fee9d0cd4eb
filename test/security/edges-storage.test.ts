// Secrets at rest (issue 11, item 3): the Node file store holds the local record with the
// identity and device secret keys, so only its owner may read it.
import '@automerge/automerge-repo'
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runStorageAdapterTests } from '@automerge/automerge-repo/helpers/tests/storage-adapter-tests.js'
import { createClient } from '../../src/core.ts'
import { PrivateFileStorageAdapter } from '../../src/storage/PrivateFileStorageAdapter.ts'

/** Every folder and file under `dir` with its permission bits. */
function modes(dir: string): { path: string; dir: boolean; mode: number }[] {
  const out = [{ path: dir, dir: true, mode: statSync(dir).mode & 0o777 }]
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...modes(path))
    else out.push({ path, dir: false, mode: statSync(path).mode & 0o777 })
  }
  return out
}

describe('Node file store permissions', () => {
  it('a client store is 0700 folders and 0600 files, even under a permissive umask', async () => {
    const root = mkdtempSync(join(tmpdir(), 'echo-kit-perm-'))
    const dir = join(root, 'nested', 'store')
    const umask = process.umask(0o000)
    try {
      const client = await createClient({ storage: { directory: dir }, signaling: false, broadcast: false })
      await client.createIdentity({ displayName: 'Ada' })
      const space = await client.createSpace({ name: 'S' })
      space.db.add({ title: 'secret-ish' })
      await space.flush()
      await client.close()
    } finally {
      process.umask(umask)
    }
    const all = modes(dir)
    expect(all.filter((e) => !e.dir).length).toBeGreaterThan(2)
    for (const e of all) expect([e.path, e.mode.toString(8)]).toEqual([e.path, e.dir ? '700' : '600'])
    rmSync(root, { recursive: true, force: true })
  })

  it('an existing world-readable store (older versions) is tightened when opened, and still reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'echo-kit-perm-'))
    mkdirSync(join(dir, 'ab', 'cdef', 'snapshot'), { recursive: true, mode: 0o755 })
    writeFileSync(join(dir, 'ab', 'cdef', 'snapshot', 'h1'), new Uint8Array([1, 2, 3]), { mode: 0o644 })
    chmodSync(dir, 0o755)
    const adapter = await PrivateFileStorageAdapter.open(dir)
    for (const e of modes(dir)) expect([e.path, e.mode.toString(8)]).toEqual([e.path, e.dir ? '700' : '600'])
    expect(await adapter.load(['abcdef', 'snapshot', 'h1'])).toEqual(new Uint8Array([1, 2, 3]))
    rmSync(dir, { recursive: true, force: true })
  })
})

describe('PrivateFileStorageAdapter passes automerge-repo storage suite', () => {
  runStorageAdapterTests(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'echo-kit-fs-'))
    return { adapter: await PrivateFileStorageAdapter.open(dir), teardown: () => rmSync(dir, { recursive: true, force: true }) }
  })
})
