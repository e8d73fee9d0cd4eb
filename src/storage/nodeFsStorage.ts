// Node's file storage, in its own file so the package's browser build can swap it for
// nodeFsStorage.browser.ts (see scripts/build.js): a browser bundle never sees `fs`.
import type { StorageAdapterInterface } from '@automerge/automerge-repo'

// A variable specifier with ignore hints: bundlers that build this Node file for the browser
// anyway (the repo's own demo imports src/ directly) leave the import alone instead of packing
// `fs`, `rimraf` and `glob` into the page.
const NODEFS = '@automerge/automerge-repo-storage-nodefs'

/**
 * Opens automerge-repo's file storage in `directory` (Node only).
 *
 * @example const storage = await nodeFsStorage('./data')
 */
export async function nodeFsStorage(directory: string): Promise<StorageAdapterInterface> {
  const { NodeFSStorageAdapter } = (await import(/* webpackIgnore: true */ /* @vite-ignore */ NODEFS)) as typeof import('@automerge/automerge-repo-storage-nodefs')
  return new NodeFSStorageAdapter(directory)
}
