// The browser build's stand-in for nodeFsStorage.ts (swapped in by scripts/build.js): file
// storage needs Node, so the browser bundle carries only this explanation.
import type { StorageAdapterInterface } from '@automerge/automerge-repo'
import { EchoError } from '../core/shared/index.ts'

/**
 * Always rejects: `{ directory }` storage exists only in Node.
 *
 * @example await nodeFsStorage('./data') // EchoError STORAGE_FAILED in a browser
 */
export async function nodeFsStorage(directory: string): Promise<StorageAdapterInterface> {
  throw new EchoError('STORAGE_FAILED', `storage { directory: '${directory}' } needs Node; in a browser use 'indexeddb' or 'memory'`)
}
