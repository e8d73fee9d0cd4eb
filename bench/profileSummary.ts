// Summarises Chrome .cpuprofile files (written by `BENCH_PROFILE=dir` runs of
// bench/browserLatency.ts): self time per function and per source file, top first.
//
// Run: node --import tsx bench/profileSummary.ts /tmp/prof/after-pause-b.cpuprofile [top]
import { readFileSync } from 'node:fs'

interface Node {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: Node[]
  samples: number[]
  timeDeltas: number[]
  startTime: number
  endTime: number
}

/** Self time (ms) per function and per file of one profile. */
export function summarize(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<number, number>()
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000))
  const fns = new Map<string, number>()
  const files = new Map<string, number>()
  for (const [id, ms] of self) {
    const f = byId.get(id)!.callFrame
    const file = (f.url.split('/').pop() ?? '').split('?')[0] || '(native)'
    const key = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`
    fns.set(key, (fns.get(key) ?? 0) + ms)
    files.set(file, (files.get(file) ?? 0) + ms)
  }
  const sort = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1])
  return { totalMs: (profile.endTime - profile.startTime) / 1000, functions: sort(fns), files: sort(files) }
}

if (process.argv[1]?.endsWith('profileSummary.ts')) {
  const top = Number(process.argv[3] ?? 25)
  const s = summarize(JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Profile)
  console.log(`profile span ${s.totalMs.toFixed(0)} ms`)
  console.log('-- files (self ms)')
  for (const [k, v] of s.files.slice(0, 15)) console.log(v.toFixed(1).padStart(9), k)
  console.log('-- functions (self ms)')
  for (const [k, v] of s.functions.slice(0, top)) console.log(v.toFixed(1).padStart(9), k)
}
