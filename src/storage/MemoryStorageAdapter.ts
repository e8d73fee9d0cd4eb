import type { Chunk, StorageAdapterInterface, StorageKey } from '@automerge/automerge-repo'

/**
 * Storage that lives as long as the process: for tests, demos and ephemeral clients.
 * Stores copies, so callers cannot mutate what was saved.
 *
 * @example const client = await createClient({ storage: new MemoryStorageAdapter() })
 */
export class MemoryStorageAdapter implements StorageAdapterInterface {
  #data = new Map<string, { key: StorageKey; data: Uint8Array }>()

  async load(key: StorageKey): Promise<Uint8Array | undefined> {
    const hit = this.#data.get(encode(key))
    return hit ? hit.data.slice() : undefined
  }

  async save(key: StorageKey, data: Uint8Array): Promise<void> {
    this.#data.set(encode(key), { key: [...key], data: data.slice() })
  }

  async remove(key: StorageKey): Promise<void> {
    this.#data.delete(encode(key))
  }

  async loadRange(prefix: StorageKey): Promise<Chunk[]> {
    const out: Chunk[] = []
    for (const { key, data } of this.#data.values()) {
      if (startsWith(key, prefix)) out.push({ key: [...key], data: data.slice() })
    }
    return out
  }

  async removeRange(prefix: StorageKey): Promise<void> {
    for (const [k, { key }] of this.#data) if (startsWith(key, prefix)) this.#data.delete(k)
  }
}

function encode(key: StorageKey): string {
  return JSON.stringify(key)
}

function startsWith(key: StorageKey, prefix: StorageKey): boolean {
  return prefix.length <= key.length && prefix.every((part, i) => key[i] === part)
}
