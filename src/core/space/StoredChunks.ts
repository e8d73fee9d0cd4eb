import type { Chunk, StorageAdapterInterface, StorageKey } from '@automerge/automerge-repo'

/**
 * The client's storage adapter, as the Repo uses it, plus what a saved read model needs to
 * know (see WarmStart): the names of a document's stored chunks, without reading them twice.
 *
 * - The first listing of a document reads its chunks once; the Repo's own load of the same
 *   document (which follows) is served those bytes instead of reading them again.
 * - From then on the names are kept up to date from the Repo's own saves and removals, so a
 *   later listing reads nothing.
 * Writes by another client on the same store (a second tab) are not seen: the names then differ
 * from the store's, which only makes the next start ignore the saved copy (the safe side).
 *
 * @example
 * const storage = new StoredChunks(adapter)
 * const repo = new Repo({ storage })
 * await storage.chunkNames(dataDocId) // ['incremental/…', 'snapshot/…']
 */
export class StoredChunks implements StorageAdapterInterface {
  readonly #inner: StorageAdapterInterface
  /** Chunk names per document id, for documents listed or loaded once. */
  readonly #names = new Map<string, Set<string>>()
  /** Chunks read by a listing, handed to the Repo's next load of that document. */
  readonly #read = new Map<string, Chunk[]>()
  /** Writes so far under each document id: a read that overlapped one is not kept. */
  readonly #writes = new Map<string, number>()

  constructor(inner: StorageAdapterInterface) {
    this.#inner = inner
  }

  /** Sorted names (`snapshot/…`, `incremental/…`) of the chunks stored for `docId`. */
  async chunkNames(docId: string): Promise<string[]> {
    let names = this.#names.get(docId)
    if (!names) {
      const before = this.#writes.get(docId) ?? 0
      const chunks = await this.#inner.loadRange([docId])
      // Only a read no write overlapped is kept: for the names, and for the Repo's coming load.
      if ((this.#writes.get(docId) ?? 0) !== before) return this.chunkNames(docId)
      if (!this.#names.has(docId)) {
        this.#read.set(docId, chunks)
        this.#remember(docId, chunks)
      }
      names = this.#names.get(docId)!
    }
    return [...names].sort()
  }

  load(key: StorageKey): Promise<Uint8Array | undefined> {
    return this.#inner.load(key)
  }

  async save(key: StorageKey, data: Uint8Array): Promise<void> {
    this.#forgetRead(key)
    try {
      await this.#inner.save(key, data)
    } finally {
      this.#forgetRead(key)
    }
    const name = chunkName(key)
    if (name) this.#names.get(key[0]!)?.add(name)
  }

  async remove(key: StorageKey): Promise<void> {
    this.#forgetRead(key)
    try {
      await this.#inner.remove(key)
    } finally {
      this.#forgetRead(key)
    }
    const name = chunkName(key)
    if (name) this.#names.get(key[0]!)?.delete(name)
  }

  async loadRange(prefix: StorageKey): Promise<Chunk[]> {
    const docId = prefix.length === 1 ? prefix[0]! : undefined
    const read = docId === undefined ? undefined : this.#read.get(docId)
    if (read) {
      this.#read.delete(docId!)
      return read
    }
    const before = docId === undefined ? 0 : (this.#writes.get(docId) ?? 0)
    const chunks = await this.#inner.loadRange(prefix)
    if (docId !== undefined && !this.#names.has(docId) && (this.#writes.get(docId) ?? 0) === before) this.#remember(docId, chunks)
    return chunks
  }

  async removeRange(prefix: StorageKey): Promise<void> {
    this.#forgetRead(prefix)
    try {
      await this.#inner.removeRange(prefix)
    } finally {
      this.#forgetRead(prefix)
    }
    const names = prefix[0] === undefined ? undefined : this.#names.get(prefix[0])
    if (!names) return
    const start = prefix.length > 1 ? `${prefix.slice(1).join('/')}` : ''
    for (const name of [...names]) if (name.startsWith(start)) names.delete(name)
  }

  #remember(docId: string, chunks: readonly Chunk[]): void {
    const names = new Set<string>()
    for (const { key } of chunks) {
      const name = chunkName(key)
      if (name && key[0] === docId) names.add(name)
    }
    this.#names.set(docId, names)
  }

  /**
   * Marks a write under a document, when it starts and when it ends (so a read that overlapped
   * any part of it is not kept), and drops bytes kept for its load: they would be out of date.
   */
  #forgetRead(key: StorageKey): void {
    const docId = key[0]
    if (docId === undefined) return
    this.#read.delete(docId)
    this.#writes.set(docId, (this.#writes.get(docId) ?? 0) + 1)
  }
}

/** `snapshot/<hash>` or `incremental/<hash>` for a document chunk's key; sync states are not data. */
function chunkName(key: StorageKey): string | undefined {
  return key.length === 3 && (key[1] === 'snapshot' || key[1] === 'incremental') ? `${key[1]}/${key[2]}` : undefined
}
