import type { StorageAdapterInterface } from '@automerge/automerge-repo'
import type { StorageOption } from '../core/client/index.ts'
import { EchoError } from '../core/shared/index.ts'
import { MemoryStorageAdapter } from './MemoryStorageAdapter.ts'

/**
 * Opens the storage adapter for a client. The IndexedDB and file adapters are imported on
 * demand so a browser bundle never pulls in `fs`.
 *
 * @example const storage = await openStorage({ directory: './data' }, 'default')
 */
export async function openStorage(option: StorageOption | undefined, name: string): Promise<StorageAdapterInterface> {
  const choice = option ?? (typeof indexedDB !== 'undefined' ? 'indexeddb' : 'memory')
  try {
    if (choice === 'memory') return new MemoryStorageAdapter()
    if (choice === 'indexeddb') {
      if (typeof indexedDB === 'undefined') {
        throw new EchoError('STORAGE_FAILED', `storage 'indexeddb' needs a browser (or fake-indexeddb); in Node use { directory }`)
      }
      const { IndexedDBStorageAdapter } = await import('@automerge/automerge-repo-storage-indexeddb')
      return new IndexedDBStorageAdapter(`echo-kit:${name}`, 'documents')
    }
    if (typeof choice === 'object' && choice !== null && 'directory' in choice) {
      if (typeof choice.directory !== 'string' || !choice.directory) {
        throw new EchoError('STORAGE_FAILED', 'storage { directory } needs a directory path')
      }
      // Files 0600 in folders 0700: the local record in this store holds secret keys.
      const { PrivateFileStorageAdapter } = await import('./PrivateFileStorageAdapter.ts')
      return await PrivateFileStorageAdapter.open(choice.directory)
    }
    if (typeof choice === 'object' && choice !== null && typeof (choice as StorageAdapterInterface).load === 'function') {
      return choice as StorageAdapterInterface
    }
  } catch (error) {
    if (error instanceof EchoError) throw error
    throw new EchoError('STORAGE_FAILED', `could not open storage: ${(error as Error)?.message}`, { cause: error })
  }
  throw new EchoError('STORAGE_FAILED', `unknown storage option ${JSON.stringify(choice)}; use 'indexeddb', 'memory' or { directory }`)
}
