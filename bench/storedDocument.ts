// Reads the largest document straight from a `storage: { directory }` folder, for benchmarks that
// need to know how a space's data document was left on disk (compacted or not) or to time
// Automerge on the exact stored bytes. Layout of PrivateFileStorageAdapter:
// `<first 2 chars of id>/<rest of id>/<snapshot|incremental|sync-state>/<key>`.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** The largest document's chunks concatenated (snapshots first, as automerge-repo loads them), with bytes per kind and chunk counts. */
export function largestDocument(dir: string): { bytes: Uint8Array; chunks: Record<string, number>; files: Record<string, number> } {
  let best: ReturnType<typeof largestDocument> | undefined
  for (const a of readdirSync(dir)) {
    const pa = join(dir, a)
    if (!statSync(pa).isDirectory()) continue
    for (const b of readdirSync(pa)) {
      const pb = join(pa, b)
      if (!statSync(pb).isDirectory()) continue
      const parts: Uint8Array[] = []
      const chunks: Record<string, number> = {}
      const files: Record<string, number> = {}
      for (const kind of ['snapshot', 'incremental']) {
        let names: string[] = []
        try {
          names = readdirSync(join(pb, kind))
        } catch {
          continue // this document has no chunk of this kind
        }
        for (const name of names) {
          const data = readFileSync(join(pb, kind, name))
          parts.push(data)
          chunks[kind] = (chunks[kind] ?? 0) + data.length
          files[kind] = (files[kind] ?? 0) + 1
        }
      }
      const size = parts.reduce((s, p) => s + p.length, 0)
      if (!best || size > best.bytes.length) best = { bytes: Buffer.concat(parts), chunks, files }
    }
  }
  if (!best) throw new Error(`no document in ${dir}`)
  return best
}
