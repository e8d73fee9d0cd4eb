// Size of the kit's own JavaScript, minified + gzip, as an app bundler would ship it:
// React and Automerge excluded (the app has them anyway), per entry point.
import { gzipSync } from 'node:zlib'
import { build } from 'vite'

type Row = { name: string; value: number; unit: string }

async function bundle(entry: string, externalDeps: boolean): Promise<{ raw: number; gzip: number }> {
  const external = (id: string) =>
    /^(react|react-dom|react\/jsx-runtime|@automerge\/)/.test(id) || (externalDeps && /^(tweetnacl|qrcode\.react|ws|node-datachannel)/.test(id)) || id.startsWith('node:')
  const out = (await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      lib: { entry, formats: ['es'], fileName: 'bundle' },
      rolldownOptions: { external },
    },
  })) as unknown as { output: { type: string; code?: string; fileName: string }[] }[] | { output: { type: string; code?: string; fileName: string }[] }
  const outputs = Array.isArray(out) ? out : [out]
  let raw = 0
  let gzip = 0
  for (const o of outputs) {
    for (const chunk of o.output) {
      if (chunk.type !== 'chunk' || !chunk.code) continue
      // The node-datachannel polyfill chunk is only loaded in Node.
      raw += Buffer.byteLength(chunk.code)
      gzip += gzipSync(chunk.code, { level: 9 }).length
    }
  }
  return { raw, gzip }
}

/** Kit's own JS, gzip: whole kit and engine only, with and without its small dependencies. */
export async function benchBundleSize(): Promise<Row[]> {
  const rows: Row[] = []
  for (const [label, entry] of [
    ['echo-kit (engine + React + UI)', 'src/index.ts'],
    ['echo-kit/core (engine only)', 'src/core.ts'],
  ] as const) {
    const own = await bundle(entry, true)
    const withDeps = await bundle(entry, false)
    rows.push({ name: `${label}: own code, gzip`, value: Math.round(own.gzip / 102.4) / 10, unit: 'kB' })
    rows.push({ name: `${label}: + tweetnacl, qrcode.react, gzip`, value: Math.round(withDeps.gzip / 102.4) / 10, unit: 'kB' })
  }
  return rows
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchBundleSize()) console.log(`${r.name}: ${r.value} ${r.unit}`)
}
