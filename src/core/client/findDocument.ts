import type { DocHandle, DocumentId, Repo } from '@automerge/automerge-repo'

/**
 * Waits for a document from storage or a peer until `closed` aborts. automerge-repo's
 * `findWithProgress` hands back the handle at once; it becomes ready from storage or a peer,
 * also after a first attempt found it unavailable, so we look again every second.
 * Resolves undefined when the client closed first.
 *
 * @example const handle = await findDocument<HaloDoc>(repo, id, closing.signal)
 */
export async function findDocument<T>(repo: Repo, id: string, closed: AbortSignal): Promise<DocHandle<T> | undefined> {
  const handle = repo.findWithProgress<T>(id as DocumentId).handle
  while (!closed.aborted) {
    if (handle.isReady()) return handle
    // Deleted meanwhile (the space was left): it will never be ready.
    if (handle.isDeleted()) return undefined
    const second = AbortSignal.timeout(1000)
    try {
      await handle.whenReady(['ready'], { signal: AbortSignal.any([closed, second]) } as never)
    } catch {
      // Not ready within the second (unavailable or still loading), or closed: the loop decides.
      // A handle that refuses at once (unavailable) is asked again after the second, not in a
      // tight loop.
      if (!second.aborted && !closed.aborted) await new Promise((r) => second.addEventListener('abort', r, { once: true }))
    }
  }
  return undefined
}

/**
 * Writes every loaded document to storage now.
 *
 * @example await flushRepo(repo)
 */
export async function flushRepo(repo: Repo): Promise<void> {
  await repo.flush(Object.values(repo.handles).filter((h) => h.isReady()).map((h) => h.documentId))
}
