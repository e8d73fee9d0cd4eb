// Node file storage whose files only the owner can read. A client's local record holds its
// identity and device secret keys, so the store is created 0700 (folders) / 0600 (files),
// whatever the process umask, and an existing store is tightened when opened. The on-disk layout
// is automerge-repo-storage-nodefs's, so stores written by it open unchanged.
import { chmod, mkdir, readdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve, sep } from 'node:path'
import type { Chunk, StorageAdapterInterface, StorageKey } from '@automerge/automerge-repo'

/** Mode of every folder of the store: owner only. */
export const PRIVATE_DIR_MODE = 0o700
/** Mode of every file of the store: owner read/write only. */
export const PRIVATE_FILE_MODE = 0o600

/**
 * A file storage adapter (automerge-repo's `StorageAdapterInterface`) that keeps the store
 * private to the user running the process. Open it with {@link PrivateFileStorageAdapter.open},
 * which creates the folder 0700 and tightens an existing store.
 *
 * @example
 * const storage = await PrivateFileStorageAdapter.open('./data')
 * const repo = new Repo({ storage })
 */
export class PrivateFileStorageAdapter implements StorageAdapterInterface {
  readonly #base: string
  // Saved chunks, so a load racing a write never reads a half-written file.
  readonly #cache = new Map<string, Uint8Array>()

  private constructor(base: string) {
    this.#base = base
  }

  /** Opens (creating if needed) the store in `directory`, 0700, with every file 0600. */
  static async open(directory: string): Promise<PrivateFileStorageAdapter> {
    const base = resolve(directory)
    await mkdir(base, { recursive: true, mode: PRIVATE_DIR_MODE })
    await tighten(base)
    return new PrivateFileStorageAdapter(base)
  }

  async load(key: StorageKey): Promise<Uint8Array | undefined> {
    const cached = this.#cache.get(join(...key))
    if (cached) return cached
    try {
      return new Uint8Array(await readFile(this.#path(key)))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined // absent key: undefined, as the interface says
      throw error
    }
  }

  async save(key: StorageKey, data: Uint8Array): Promise<void> {
    this.#cache.set(join(...key), data)
    const file = this.#path(key)
    await mkdir(dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE })
    await writeFile(file, data, { mode: PRIVATE_FILE_MODE })
  }

  async remove(key: StorageKey): Promise<void> {
    this.#cache.delete(join(...key))
    try {
      await unlink(this.#path(key))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error // already gone is what remove wants
    }
  }

  async loadRange(prefix: StorageKey): Promise<Chunk[]> {
    const wanted = join(...prefix)
    const keys = new Set([...this.#cache.keys()].filter((k) => k.startsWith(wanted)))
    for (const file of await walk(this.#path(prefix))) {
      // The first key is split into two folders on disk (xx/rest): join them back.
      const k = relative(this.#base, file)
      keys.add(k.slice(0, 2) + k.slice(3))
    }
    return Promise.all([...keys].map(async (k) => {
      const key = k.split(sep)
      return { key, data: await this.load(key) }
    }))
  }

  async removeRange(prefix: StorageKey): Promise<void> {
    const wanted = join(...prefix)
    for (const k of [...this.#cache.keys()]) if (k.startsWith(wanted)) this.#cache.delete(k)
    await rm(this.#path(prefix), { recursive: true, force: true })
  }

  #path(key: StorageKey): string {
    const [first = '', ...rest] = key
    return join(this.#base, first.slice(0, 2), first.slice(2), ...rest)
  }
}

/** Every file under `dir`, recursively; none when it does not exist. */
async function walk(dir: string): Promise<string[]> {
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [] // nothing saved under this prefix
    throw error
  }
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)])))
  return nested.flat()
}

/** Sets 0700 on `dir` and every folder in it, 0600 on every file (stores from older versions were 0755/0644). */
async function tighten(dir: string): Promise<void> {
  const info = await stat(dir)
  if ((info.mode & 0o777) !== PRIVATE_DIR_MODE) await chmod(dir, PRIVATE_DIR_MODE)
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) await tighten(path)
    else if (entry.isFile() && ((await stat(path)).mode & 0o777) !== PRIVATE_FILE_MODE) await chmod(path, PRIVATE_FILE_MODE)
  }
}
