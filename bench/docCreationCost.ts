// Does how the space's data document was made change what one local change costs? Automerge
// alone, echo-kit's layout (256 buckets, 100 objects with @meta), one field changed 200 times per
// variant: made by A.from (as repo.create does), loaded from its saved bytes, or made by A.init +
// a change. Run each order: the variant that runs first in a process pays wasm/JIT warm-up.
//
//   node --import tsx bench/docCreationCost.ts from,loaded,initChange [objects]
import * as A from '@automerge/automerge'

const buckets = () => Object.fromEntries(Array.from({ length: 256 }, (_, i) => [i.toString(16).padStart(2, '0'), {}]))
const idOf = (i: number) => ((i * 37) % 256).toString(16).padStart(2, '0') + 'abc' + i
const N = Number(process.argv[3] ?? 100)
type Doc = { name: unknown; objects: Record<string, Record<string, Record<string, unknown>>> }
const fill = (doc: A.Doc<Doc>) =>
  A.change(doc, (d) => {
    for (let i = 0; i < N; i++) {
      const id = idOf(i)
      d.objects[id.slice(0, 2)]![id] = { n: -1, i, title: 'hello ' + i, '@meta': { created: Date.now(), author: new A.ImmutableString('abc') } }
    }
  })
const makers: Record<string, () => A.Doc<Doc>> = {
  from: () => fill(A.from<Doc>({ name: new A.ImmutableString('bench'), objects: buckets() })),
  loaded: () => A.load<Doc>(A.save(fill(A.from<Doc>({ name: new A.ImmutableString('bench'), objects: buckets() })))),
  initChange: () => fill(A.change(A.init<Doc>(), (d) => Object.assign(d, { name: new A.ImmutableString('bench'), objects: buckets() }))),
}
const order = (process.argv[2] ?? 'from,loaded,initChange').split(',')
for (let round = 0; round < 3; round++) {
  const out: string[] = []
  for (const name of order) {
    let doc = makers[name]!()
    const t0 = performance.now()
    for (let i = 0; i < 200; i++) {
      const id = idOf(i % N)
      doc = A.change(doc, (d) => void (d.objects[id.slice(0, 2)]![id]!.n = i))
    }
    out.push(`${name} ${((performance.now() - t0) / 200).toFixed(3)} ms`)
  }
  console.log(`round ${round + 1}: ${out.join(' | ')} per change`)
}
