// Node's file storage, in its own file so the package's browser build can swap it for
// nodeFsStorage.browser.ts (see scripts/build.js): a browser bundle never sees `fs`.
import type { StorageAdapterInterface } from '@automerge/automerge-repo'

/**
 * Opens the file storage in `directory` (Node only): automerge-repo's on-disk layout, with
 * files 0600 in folders 0700, since the client's local record in it holds secret keys.
 *
 * @example const storage = await nodeFsStorage('./data')
 */
export async function nodeFsStorage(directory: string): Promise<StorageAdapterInterface> {
  const { PrivateFileStorageAdapter } = await import('./PrivateFileStorageAdapter.ts')
  return PrivateFileStorageAdapter.open(directory)
}
