import type { StorageKey } from '@automerge/automerge-repo'
import type { StoredChunks } from './StoredChunks.ts'

/**
 * Below this many objects a space is not worth a saved read model: loading its document takes
 * tens of milliseconds, while the saved copy costs a write of every object now and then.
 */
export const WARM_START_MIN_OBJECTS = 1_000

/** How long a space's objects stay unchanged before its read model is saved again (ms). */
export const WARM_START_SAVE_DELAY_MS = 5_000

/** Storage namespace of saved read models: outside every document's own key prefix. */
const NAMESPACE = 'echo-read-model'
const FORMAT = 1

/** A saved read model of a space's data document, valid for exactly the stored chunks it names. */
export interface WarmSnapshot {
  /** The space's name as the data document held it. */
  name: string
  /** Every object's plain snapshot, in read-model order. */
  entries: [string, Record<string, unknown>][]
  /** Invalid remote values left out when the read model was built (carried into the counter). */
  invalidValues: number
}

interface Stored extends WarmSnapshot {
  format: number
  chunks: string[]
}

/** What a {@link WarmStart} reads of its space. */
export interface WarmStartParts {
  /** The data document's heads now, or undefined before it is bound. */
  heads(): string | undefined
  /** Writes the data document to storage. */
  flush(): Promise<void>
  /** The read model, or undefined while it may differ from the committed document / is small. */
  copy(minSize: number): { entries: [string, Record<string, unknown>][]; invalidValues: number } | undefined
  /** The space's name now. */
  name(): string
  /** A background save failed (counted by the client). */
  failed(error: unknown): void
}

/**
 * Fast reopen of a large space: a copy of its read model (plain JSON snapshots) saved next to
 * its Automerge data document, keyed by the names of the document's stored chunks.
 * automerge-repo names every stored chunk by a hash of its content (snapshots by their heads,
 * incremental chunks by their bytes), so "the stored document is exactly what this copy was
 * built from" is checked by listing chunk names, without loading Automerge. When they match,
 * the space's first query is answered from the copy while the document loads behind it
 * (writes wait in the write queue, see DatabaseControl.warm); when they do not (a later save, a
 * compaction, a crash after writing), the copy is ignored and the space loads as before.
 *
 * Why not key it by the document's heads: knowing the stored heads means loading the document,
 * which is the cost this avoids (~90% of a 10,000-object reopen is Automerge's load). Saved when
 * the client closes and after {@link WARM_START_SAVE_DELAY_MS} without changes, for spaces of at
 * least {@link WARM_START_MIN_OBJECTS} objects. It goes through the client's storage adapter, so
 * it is kept like the document itself (same folder and file modes, same IndexedDB database).
 *
 * @example
 * const warm = new WarmStart(storage, dataDocId, parts)
 * const snapshot = await warm.load() // undefined unless the stored chunks match
 */
export class WarmStart {
  readonly #storage: StoredChunks
  readonly #docId: string
  readonly #parts: WarmStartParts
  #timer: ReturnType<typeof setTimeout> | undefined
  #saving: Promise<void> = Promise.resolve()
  #closed = false
  /** The stored copy is of the document as it is now (loaded or saved, unchanged since). */
  #current = false

  constructor(storage: StoredChunks, docId: string, parts: WarmStartParts) {
    this.#storage = storage
    this.#docId = docId
    this.#parts = parts
  }

  /** The saved read model, when it was built from exactly the chunks stored now. */
  async load(): Promise<WarmSnapshot | undefined> {
    const bytes = await this.#storage.load(this.#key())
    if (!bytes) return undefined
    const stored = parse(bytes)
    if (!stored) return undefined
    const chunks = await this.#storage.chunkNames(this.#docId)
    if (chunks.length === 0 || chunks.length !== stored.chunks.length || chunks.some((c, i) => c !== stored.chunks[i])) return undefined
    this.#current = true
    return { name: stored.name, entries: stored.entries, invalidValues: stored.invalidValues }
  }

  /** The space's objects changed: save again once they have been still for a while. */
  changed(): void {
    this.#current = false
    if (this.#closed) return
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => void this.save().catch((error) => this.#parts.failed(error)), WARM_START_SAVE_DELAY_MS)
    // A Node process (a CLI peer) must not stay alive for this timer alone.
    ;(this.#timer as { unref?: () => void }).unref?.()
  }

  /** Saves the read model now (one save at a time); false when it was not saved. */
  save(): Promise<boolean> {
    clearTimeout(this.#timer)
    const run = this.#saving.then(() => this.#save())
    this.#saving = run.then(
      () => undefined,
      () => undefined,
    )
    return run
  }

  /** Stops scheduled saves; waits for one in flight (storage must still be open for it). */
  async close(): Promise<void> {
    this.#closed = true
    clearTimeout(this.#timer)
    await this.#saving
  }

  /** Deletes the saved read model (the space was left). */
  async remove(): Promise<void> {
    await this.close()
    await this.#storage.remove(this.#key())
  }

  async #save(): Promise<boolean> {
    if (this.#current) return true
    const heads = this.#parts.heads()
    if (!heads || !this.#parts.copy(WARM_START_MIN_OBJECTS)) return false
    await this.#parts.flush()
    const chunks = await this.#storage.chunkNames(this.#docId)
    // The copy must be of exactly the stored document: nothing may have changed since the flush.
    if (this.#parts.heads() !== heads || chunks.length === 0) return false
    const copy = this.#parts.copy(WARM_START_MIN_OBJECTS)
    if (!copy) return false
    const stored: Stored = { format: FORMAT, chunks, name: this.#parts.name(), ...copy }
    await this.#storage.save(this.#key(), new TextEncoder().encode(JSON.stringify(stored)))
    // Unless the document changed while the copy was written, the next save has nothing to do.
    this.#current = this.#parts.heads() === heads
    return true
  }

  #key(): StorageKey {
    return [NAMESPACE, this.#docId]
  }
}

/** The stored copy, or undefined when it is not one this version wrote (it is then ignored). */
function parse(bytes: Uint8Array): Stored | undefined {
  try {
    const value = JSON.parse(new TextDecoder().decode(bytes)) as Partial<Stored>
    if (value?.format !== FORMAT || typeof value.name !== 'string' || typeof value.invalidValues !== 'number') return undefined
    if (!Array.isArray(value.chunks) || !value.chunks.every((c) => typeof c === 'string')) return undefined
    if (!Array.isArray(value.entries)) return undefined
    for (const entry of value.entries) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || entry[1] === null || typeof entry[1] !== 'object' || Array.isArray(entry[1])) return undefined
    }
    return value as Stored
  } catch {
    // Not JSON (a damaged or foreign file): the document itself is the truth, so load that.
    return undefined
  }
}
