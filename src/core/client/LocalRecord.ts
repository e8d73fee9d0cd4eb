import type { StorageAdapterInterface } from '@automerge/automerge-repo'
import type { IdentityRecord } from '../identity/index.ts'
import { EchoError, fromUtf8, utf8 } from '../shared/index.ts'
import type { SpaceRecord } from '../space/index.ts'

/** What a client persists about itself beside its documents: identity (with keys) and spaces. */
export interface LocalRecord {
  readonly version: 1
  readonly identity?: IdentityRecord
  readonly spaces: readonly SpaceRecord[]
}

/** Storage key of the local record, beside automerge-repo's own keys. */
const LOCAL_KEY = ['echo-kit', 'client']

/**
 * The client's local record and its persistence: read once at start, replaced whole on every
 * change, saved in order (a later save never lands before an earlier one).
 *
 * @example
 * const record = await LocalRecordStore.load(storage)
 * await record.update((r) => ({ ...r, spaces: [...r.spaces, next] }))
 */
export class LocalRecordStore {
  readonly #storage: StorageAdapterInterface
  #value: LocalRecord
  #saving: Promise<void> = Promise.resolve()

  private constructor(storage: StorageAdapterInterface, value: LocalRecord) {
    this.#storage = storage
    this.#value = value
  }

  /**
   * Reads the record from storage (a fresh one when there is none). Corrupt or unknown state
   * throws `STORAGE_FAILED` and is left untouched, so nothing overwrites data we cannot read.
   */
  static async load(storage: StorageAdapterInterface): Promise<LocalRecordStore> {
    let bytes: Uint8Array | undefined
    try {
      bytes = await storage.load(LOCAL_KEY)
    } catch (error) {
      throw new EchoError('STORAGE_FAILED', `could not read client state: ${(error as Error)?.message}`, { cause: error })
    }
    return new LocalRecordStore(storage, bytes ? parseLocalRecord(fromUtf8(bytes)) : { version: 1, spaces: [] })
  }

  /** The current record (replaced, never mutated). */
  get value(): LocalRecord {
    return this.#value
  }

  /** Replaces the record and saves it; rejects with `STORAGE_FAILED` when the save fails. */
  async update(change: (record: LocalRecord) => LocalRecord): Promise<void> {
    this.#value = change(this.#value)
    const bytes = utf8(JSON.stringify(this.#value))
    const run = this.#saving.then(() => this.#storage.save(LOCAL_KEY, bytes))
    // The queue goes on after a failed save; the failure is reported to this caller below.
    this.#saving = run.catch(() => undefined)
    try {
      await run
    } catch (error) {
      throw new EchoError('STORAGE_FAILED', `could not save client state: ${(error as Error)?.message}`, { cause: error })
    }
  }

  /** Resolves when every save started so far has finished. */
  whenSaved(): Promise<void> {
    return this.#saving
  }
}

function parseLocalRecord(text: string): LocalRecord {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new EchoError('STORAGE_FAILED', 'stored client state is corrupt (not JSON); it was left untouched')
  }
  const v = value as LocalRecord
  if (!v || v.version !== 1 || !Array.isArray(v.spaces)) {
    throw new EchoError('STORAGE_FAILED', 'stored client state has an unknown format; it was left untouched')
  }
  return v
}
