#!/usr/bin/env node
// Keeps the layering of DESIGN.md section 1: arrows point down only.
// core/net/storage/server never import react; core never imports from react/ or ui/.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const rules = [
  { dir: 'src/core', forbid: [/^react(-dom)?(\/|$)/, /\/react\//, /\/ui\//, /^qrcode\.react/] },
  { dir: 'src/net', forbid: [/^react(-dom)?(\/|$)/, /\/react\//, /\/ui\//] },
  { dir: 'src/storage', forbid: [/^react(-dom)?(\/|$)/, /\/react\//, /\/ui\//] },
  { dir: 'src/server', forbid: [/^react(-dom)?(\/|$)/, /\/react\//, /\/ui\//] },
  { dir: 'src/react', forbid: [/\/ui\//] },
]
const importRe = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm

function* files(dir) {
  let entries = []
  try { entries = readdirSync(dir) } catch { return }
  for (const e of entries) {
    const p = join(dir, e)
    if (statSync(p).isDirectory()) yield* files(p)
    else if (/\.(ts|tsx|js|mjs)$/.test(e)) yield p
  }
}

const problems = []
for (const rule of rules) {
  for (const file of files(join(root, rule.dir))) {
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(importRe)) {
      const spec = m[1] ?? m[2] ?? m[3]
      if (rule.forbid.some((re) => re.test(spec))) {
        problems.push(`${relative(root, file)} imports '${spec}' (not allowed in ${rule.dir})`)
      }
    }
  }
}
if (problems.length) {
  console.error('Layer rule broken:\n  ' + problems.join('\n  '))
  process.exit(1)
}
console.log('lint-layers: ok')
