#!/usr/bin/env node
// Layer lint: keeps src/ shaped the way ARCHITECTURE.md describes it. Checks every .ts/.tsx/.js
// file under <root>/src (root = repo root, or `--root DIR`) and reports, one line per problem:
//
//   layer      Arrows point one way: ui -> react -> core <- p2p, storage; devtools sits beside ui
//              (devtools -> react -> core, core values allowed: its read-only diagnostics live in
//              src/core/inspect); server and testing wire core, p2p and storage; the entry files
//              (src/*.ts) wire everything. Nothing imports ui, devtools or react except the layers
//              above them; nobody imports an entry file but another entry file; no layer reaches
//              outside src/.
//   core-deps  core is the engine and imports only core itself, '@automerge/automerge',
//              '@automerge/automerge-repo' (and '/slim'), 'tweetnacl' and '@standard-schema/spec' (types): no react, no ws, no
//              node-datachannel, no node: builtins, no '@automerge/automerge-repo-*' adapters.
//              'react', 'react-dom' and 'qrcode.react' are for react, ui, devtools and the entry files only.
//   door       A folder is a unit (src/core/<concept>, src/core, src/p2p, src/storage, src/react, src/devtools,
//              src/ui, src/server, src/testing, and any folder below them with its own index.ts).
//              A file that imports from another unit must import that unit's index.ts, never the
//              files behind it (a sub-unit may use its parent unit's files). Type-only imports
//              follow the same rule.
//   ui-type    ui may see core's types only: `import type` / `export type`. (Under
//              verbatimModuleSyntax `import { type X }` still loads the module, so it counts as a
//              value import.) Values reach ui through the react layer.
//   resolve    A relative import must name a file that exists (or a folder with an index.ts).
//   cycle      No cycle of runtime (non-type) imports anywhere in src/.
//
// Understands `import ... from`, `export ... from`, `import '...'`, `import('...')` (and
// `typeof import('...')` as a type), `require('...')`, over any number of lines; comments and the
// insides of strings are not mistaken for imports. Plain Node, no dependencies.
// Usage: node scripts/lint-layers.js [--root DIR]     exit 0 and `lint-layers: ok (N files)`, or 1.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

// ---------------------------------------------------------------- the rules, as data

/** Layer folders under src/ and which layers each may import. 'entry' = the files directly in src/. */
const LAYERS = {
  core: { may: ['core'] },
  p2p: { may: ['p2p', 'core'] },
  storage: { may: ['storage', 'core'] },
  react: { may: ['react', 'core'] },
  ui: { may: ['ui', 'react', 'core'], typeOnly: ['core'] },
  devtools: { may: ['devtools', 'react', 'core'] },
  server: { may: ['server', 'core', 'p2p', 'storage'] },
  testing: { may: ['testing', 'core', 'p2p', 'storage'] },
  entry: { may: ['entry', 'core', 'p2p', 'storage', 'react', 'ui', 'devtools', 'server', 'testing'] },
}
const WIRING_HINT = {
  core: 'core is the engine: define a port (interface) in core and let p2p/storage implement it; entry files, server or testing wire the two together',
  react: 'react may use only core: move the code into react or core, or let ui pass it in',
  p2p: 'p2p may use only core',
  storage: 'storage may use only core',
  ui: 'ui may use react, and core types',
  devtools: 'devtools may use react and core (not ui: it stays out of the echo-kit bundle and apart from the app UI)',
  server: 'server may use core, p2p and storage',
  testing: 'testing may use core, p2p and storage',
}
/** Packages core may import; everything else (react, ws, node:, adapters, ...) is outside the engine. */
const CORE_PACKAGES = ['@automerge/automerge', '@automerge/automerge-repo', '@automerge/automerge-repo/slim', 'tweetnacl', '@standard-schema/spec']
/** Browser-UI packages: only these layers may import them. */
const UI_PACKAGES = /^(react|react-dom|qrcode\.react)(\/|$)/
const UI_PACKAGE_LAYERS = ['react', 'ui', 'devtools', 'entry']
const DOORS = ['index.ts', 'index.tsx', 'index.js']
const SOURCE = /\.(ts|tsx|js)$/

// ---------------------------------------------------------------- arguments

const argv = process.argv.slice(2)
let root = fileURLToPath(new URL('..', import.meta.url))
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--root' && argv[i + 1]) root = resolve(argv[++i])
  else if (argv[i].startsWith('--root=')) root = resolve(argv[i].slice('--root='.length))
  else {
    console.error(`lint-layers: unknown argument '${argv[i]}' (usage: node scripts/lint-layers.js [--root DIR])`)
    process.exit(2)
  }
}
root = resolve(root)
const src = join(root, 'src')
if (!isDir(src)) {
  console.error(`lint-layers: no src/ folder under ${root}`)
  process.exit(2)
}
let packageName = null
try { packageName = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).name ?? null } catch {}

// ---------------------------------------------------------------- files, layers, units

function isDir(p) {
  try { return statSync(p).isDirectory() } catch { return false }
}
function isFile(p) {
  try { return statSync(p).isFile() } catch { return false }
}

function* sourceFiles(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue
    const p = join(dir, e.name)
    if (e.isDirectory()) yield* sourceFiles(p)
    else if (SOURCE.test(e.name) && !e.name.endsWith('.d.ts')) yield p
  }
}

/** Path relative to src/ with '/' separators ('' for src itself), or null when outside src. */
function inSrc(p) {
  const r = relative(src, p)
  if (r === '') return ''
  if (r.startsWith('..') || resolve(src, r) !== p) return null
  return r.split(sep).join('/')
}

/** 'core', 'p2p', ..., 'entry' for src/*.ts, null for a folder the table does not know. */
function layerOf(p) {
  const r = inSrc(p)
  if (r === null) return null
  const parts = r.split('/')
  if (parts.length === 1) return 'entry'
  return Object.hasOwn(LAYERS, parts[0]) && parts[0] !== 'entry' ? parts[0] : null
}

/** The unit (folder, relative to src) a file belongs to: its deepest enclosing unit folder. */
function unitOf(p) {
  const r = inSrc(p)
  const parts = r.split('/').slice(0, -1) // folders only
  if (parts.length === 0) return '' // entry files: src itself
  let unit = parts[0] // src/<layer>
  for (let i = 1; i < parts.length; i++) {
    const folder = parts.slice(0, i + 1).join('/')
    const conceptOfCore = parts[0] === 'core' && i === 1
    if (conceptOfCore || DOORS.some((d) => isFile(join(src, folder, d)))) unit = folder
  }
  return unit
}

function isDoor(p, unit) {
  const r = inSrc(p)
  return DOORS.some((d) => r === (unit === '' ? d : `${unit}/${d}`))
}

/** Resolve a relative specifier to a file: as written, with an extension added, or a folder's index. */
function resolveRelative(fromFile, spec) {
  const target = resolve(dirname(fromFile), spec)
  if (isFile(target)) return target
  for (const ext of ['.ts', '.tsx', '.js']) if (isFile(target + ext)) return target + ext
  if (isDir(target)) for (const d of DOORS) if (isFile(join(target, d))) return join(target, d)
  return null
}

// ---------------------------------------------------------------- finding imports

/**
 * Tokens of a JS/TS file: identifiers/keywords, string literals (with their value), punctuation.
 * Comments are dropped; template literals are skipped (their `${...}` code is tokenized); regex
 * literals are skipped. Quotes do not run past a line end, so stray apostrophes in JSX text cannot
 * swallow the rest of a file.
 */
function tokenize(text) {
  const tokens = []
  let line = 1
  let i = 0
  const n = text.length
  const templateDepth = [] // brace depth at which each open `${` returns to its template
  let braces = 0
  const regexAllowedAfter = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^', '=>', '&&', '||', '??', '${'])
  const regexKeywords = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await'])
  const push = (type, value, at) => tokens.push({ type, value, line: at })
  const regexCanStart = () => {
    const prev = tokens[tokens.length - 1]
    if (!prev) return true
    if (prev.type === 'punct') return regexAllowedAfter.has(prev.value)
    if (prev.type === 'word') return regexKeywords.has(prev.value)
    return false
  }
  const skipTemplate = () => {
    // at: just after a backtick or after the `}` closing a `${`; stop after closing backtick or at `${`
    while (i < n) {
      const c = text[i]
      if (c === '\\') { i += 2; continue }
      if (c === '\n') line++
      if (c === '`') { i++; return }
      if (c === '$' && text[i + 1] === '{') {
        i += 2
        templateDepth.push(braces)
        braces++
        push('punct', '${', line)
        return
      }
      i++
    }
  }
  while (i < n) {
    const c = text[i]
    if (c === '\n') { line++; i++; continue }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\uFEFF') { i++; continue }
    if (c === '/' && text[i + 1] === '/') { while (i < n && text[i] !== '\n') i++; continue }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2)
      const stop = end === -1 ? n : end + 2
      for (let k = i; k < stop; k++) if (text[k] === '\n') line++
      i = stop
      continue
    }
    if (c === '#' && i === 0 && text[1] === '!') { while (i < n && text[i] !== '\n') i++; continue }
    if (c === "'" || c === '"') {
      const at = line
      let value = ''
      i++
      while (i < n && text[i] !== c && text[i] !== '\n') {
        if (text[i] === '\\' && i + 1 < n) { value += text[i + 1]; i += 2; continue }
        value += text[i++]
      }
      if (text[i] === c) i++
      push('string', value, at)
      continue
    }
    if (c === '`') { i++; push('template', '', line); skipTemplate(); continue }
    if (/[A-Za-z_$\u0080-\uffff]/.test(c)) {
      let j = i + 1
      while (j < n && /[\w$\u0080-\uffff]/.test(text[j])) j++
      push('word', text.slice(i, j), line)
      i = j
      continue
    }
    if (/[0-9]/.test(c)) {
      let j = i + 1
      while (j < n && /[\w.]/.test(text[j])) j++
      push('number', text.slice(i, j), line)
      i = j
      continue
    }
    if (c === '/' && regexCanStart()) {
      let j = i + 1
      let inClass = false
      while (j < n && text[j] !== '\n') {
        if (text[j] === '\\') { j += 2; continue }
        if (text[j] === '[') inClass = true
        else if (text[j] === ']') inClass = false
        else if (text[j] === '/' && !inClass) break
        j++
      }
      if (text[j] === '/') {
        j++
        while (j < n && /[a-z]/.test(text[j])) j++
        push('regex', '', line)
        i = j
        continue
      }
      // not a regex after all: fall through as punctuation
    }
    if (c === '{') { braces++; push('punct', '{', line); i++; continue }
    if (c === '}') {
      if (templateDepth.length && templateDepth[templateDepth.length - 1] === braces - 1) {
        templateDepth.pop()
        braces--
        i++
        skipTemplate()
        continue
      }
      braces--
      push('punct', '}', line)
      i++
      continue
    }
    const three = text.slice(i, i + 3)
    const two = text.slice(i, i + 2)
    if (three === '...' || three === '??=' || three === '===' || three === '!==') { push('punct', three, line); i += 3; continue }
    if (['=>', '&&', '||', '??', '?.', '==', '!=', '<=', '>=', '+=', '-=', '++', '--'].includes(two)) { push('punct', two, line); i += 2; continue }
    push('punct', c, line)
    i++
  }
  return tokens
}

/** Every import of a file: { spec, line, typeOnly, inlineTypesOnly } */
function importsOf(text) {
  const t = tokenize(text)
  const found = []
  const is = (k, type, value) => t[k] && t[k].type === type && (value === undefined || t[k].value === value)
  for (let k = 0; k < t.length; k++) {
    const tok = t[k]
    if (tok.type !== 'word') continue
    const prev = t[k - 1]
    if (prev && prev.type === 'punct' && (prev.value === '.' || prev.value === '?.')) continue // obj.import, obj.require

    // import('x') and require('x')
    if ((tok.value === 'import' || tok.value === 'require') && is(k + 1, 'punct', '(') && is(k + 2, 'string') && (is(k + 3, 'punct', ')') || is(k + 3, 'punct', ','))) {
      let typeOnly = false
      if (tok.value === 'import') {
        // `typeof import('x')` and `import('x').Type` (not .then/.catch/.finally) live in type positions
        const after = k + 3 + (is(k + 3, 'punct', ',') ? skipToClose(t, k + 3) : 0)
        if (prev && prev.type === 'word' && prev.value === 'typeof') typeOnly = true
        else if (is(after + 1, 'punct', '.') && is(after + 2, 'word') && !['then', 'catch', 'finally'].includes(t[after + 2].value)) typeOnly = true
      }
      found.push({ spec: t[k + 2].value, line: tok.line, typeOnly })
      continue
    }

    // import ... from 'x' / import 'x'
    if (tok.value === 'import') {
      if (is(k + 1, 'punct', '.')) continue // import.meta
      if (is(k + 1, 'string')) { found.push({ spec: t[k + 1].value, line: tok.line, typeOnly: false }); continue }
      const clause = clauseUntilFrom(t, k + 1)
      if (!clause) continue
      // `import type X` / `import type { X }`; but `import type from 'x'` imports a default named `type`
      const typeOnly = clause.tokens[0].type === 'word' && clause.tokens[0].value === 'type' && clause.tokens.length > 1
      found.push({ spec: clause.spec, line: tok.line, typeOnly, inlineTypesOnly: !typeOnly && inlineTypesOnly(clause.tokens) })
      continue
    }

    // export ... from 'x'
    if (tok.value === 'export') {
      let j = k + 1
      let typeOnly = false
      if (is(j, 'word', 'type') && (is(j + 1, 'punct', '{') || is(j + 1, 'punct', '*'))) { typeOnly = true; j++ }
      if (!(is(j, 'punct', '{') || is(j, 'punct', '*'))) continue // export const/function/default ...
      const clause = clauseUntilFrom(t, j)
      if (!clause) continue
      found.push({ spec: clause.spec, line: tok.line, typeOnly, inlineTypesOnly: !typeOnly && inlineTypesOnly(clause.tokens) })
    }
  }
  return found
}

/** From index k (a '(' or ','), how many tokens until the matching ')'. */
function skipToClose(t, k) {
  let depth = 1
  let j = k
  while (j + 1 < t.length && depth > 0) {
    j++
    if (t[j].type === 'punct' && t[j].value === '(') depth++
    if (t[j].type === 'punct' && t[j].value === ')') depth--
  }
  return j - k
}

/** Import/export clause tokens from k up to `from 'spec'`; null if this is not such a statement. */
function clauseUntilFrom(t, k) {
  const tokens = []
  let depth = 0
  for (let j = k; j < t.length && j < k + 2000; j++) {
    const x = t[j]
    if (x.type === 'punct' && x.value === '{') depth++
    else if (x.type === 'punct' && x.value === '}') depth--
    if (depth === 0 && x.type === 'word' && x.value === 'from' && t[j + 1]?.type === 'string' && tokens.length > 0) {
      return { spec: t[j + 1].value, tokens, words: tokens.filter((y) => y.type === 'word').map((y) => y.value) }
    }
    if (depth < 0) return null
    if (depth === 0 && x.type === 'punct' && x.value === '}' && !(t[j + 1]?.type === 'word' && t[j + 1].value === 'from')) return null // export { a } (no from)
    if (depth === 0 && x.type === 'punct' && (x.value === ';' || x.value === '=' || x.value === '(')) return null
    if (depth === 0 && x.type === 'word' && (x.value === 'import' || x.value === 'export') && tokens.length > 0) return null
    if (x.type === 'string' || x.type === 'template') return null
    tokens.push(x)
  }
  return null
}

/** `{ type A, type B }`: every named binding marked `type`, and no default or namespace binding. */
function inlineTypesOnly(tokens) {
  const open = tokens.findIndex((x) => x.type === 'punct' && x.value === '{')
  if (open !== 0) return false
  const names = []
  let current = []
  for (const x of tokens.slice(1)) {
    if (x.type === 'punct' && (x.value === ',' || x.value === '}')) {
      if (current.length) names.push(current)
      current = []
    } else current.push(x)
  }
  return names.length > 0 && names.every((n) => n[0].type === 'word' && n[0].value === 'type' && n.length > 1)
}

// ---------------------------------------------------------------- checking

const problems = []
/** Value (runtime) imports between source files, for the cycle check. */
const valueEdges = new Map()
const files = [...sourceFiles(src)]
const show = (p) => relative(root, p).split(sep).join('/')
const unitName = (u) => (u === '' ? 'src (entry files)' : `src/${u}`)

for (const file of files) {
  const from = layerOf(file)
  const where = show(file)
  if (from === null) {
    const top = inSrc(file).split('/')[0]
    problems.push(`${where}: [layer] src/${top}/ is not a known layer (${Object.keys(LAYERS).filter((l) => l !== 'entry').join(', ')}). Fix: move the file into a layer, or add the folder to scripts/lint-layers.js and ARCHITECTURE.md`)
    continue
  }
  const fromUnit = unitOf(file)
  let text
  try { text = readFileSync(file, 'utf8') } catch (e) { problems.push(`${where}: [resolve] cannot read: ${e.message}`); continue }

  for (const imp of importsOf(text)) {
    const at = `${where}:${imp.line}: imports '${imp.spec}'`
    const isRelative = imp.spec.startsWith('./') || imp.spec.startsWith('../') || imp.spec === '.' || imp.spec === '..'

    if (!isRelative) {
      if (imp.spec.startsWith('/')) {
        problems.push(`${at} [resolve] absolute paths are not allowed. Fix: use a relative path ending in .ts/.tsx`)
        continue
      }
      if (packageName && (imp.spec === packageName || imp.spec.startsWith(packageName + '/'))) {
        problems.push(`${at} [layer] src/ must not import its own package by name (that hides the layer it reaches). Fix: import the folder's index.ts by relative path`)
        continue
      }
      if (from === 'core' && !CORE_PACKAGES.includes(imp.spec)) {
        problems.push(`${at} [core-deps] core may import only ${CORE_PACKAGES.map((p) => `'${p}'`).join(', ')} and core's own files. Fix: keep platform code (${imp.spec}) out of core, behind a port implemented in p2p or storage and wired by an entry file, server or testing`)
        continue
      }
      if (UI_PACKAGES.test(imp.spec) && !UI_PACKAGE_LAYERS.includes(from)) {
        problems.push(`${at} [layer] '${imp.spec}' belongs to the react/ui layers; ${from} may not import it. Fix: move this code into src/react or src/ui`)
      }
      continue
    }

    const target = resolveRelative(file, imp.spec)
    if (!target) {
      problems.push(`${at} [resolve] no such file. Fix: point at an existing .ts/.tsx file (or a folder with an index.ts)`)
      continue
    }
    const to = layerOf(target)
    if (inSrc(target) === null) {
      problems.push(`${at} [layer] reaches outside src/ (${show(target)}). Fix: src/ is self-contained; move what is needed into a layer`)
      continue
    }
    if (to === null) {
      problems.push(`${at} [layer] ${show(target)} is in no known layer. Fix: move it into a layer`)
      continue
    }

    // a) layers
    if (!LAYERS[from].may.includes(to)) {
      const what = to === 'entry' ? 'an entry file (src/*.ts); only entry files import entry files' : `${to}`
      const fix = to === 'entry' ? 'import the folder index.ts you need instead' : WIRING_HINT[from]
      problems.push(`${at} [layer] ${from} may not import ${what} (${from} may import: ${LAYERS[from].may.join(', ')}). Fix: ${fix}`)
      continue
    }
    // c) ui sees core's types only
    if (LAYERS[from].typeOnly?.includes(to) && !imp.typeOnly) {
      const fix = imp.inlineTypesOnly
        ? 'write `import type { ... }` (or `export type { ... }`): with verbatimModuleSyntax `{ type X }` still loads core at runtime'
        : 'use `import type` for types, and get values (functions, constants, classes) through a hook or helper in src/react'
      problems.push(`${at} [ui-type] ui may import core with type-only imports (\`import type\` / \`export type\`) only. Fix: ${fix}`)
    }
    // b) doors
    const toUnit = unitOf(target)
    // A sub-unit may use its parent unit's files (the parent's index re-exports the child, so
    // going through it would be a cycle); everything else goes through the door.
    const intoAncestor = toUnit !== '' && fromUnit.startsWith(toUnit + '/')
    if (toUnit !== fromUnit && !intoAncestor && !isDoor(target, toUnit)) {
      const door = DOORS.map((d) => join(src, toUnit, d)).find(isFile)
      const fix = door
        ? `import from ${unitName(toUnit)}/index.ts ('${relPath(file, door)}'), exporting the name there if it is missing`
        : `${unitName(toUnit)} has no index.ts yet: add one that exports what other units need, and import that`
      problems.push(`${at} [door] reaches into ${unitName(toUnit)} past its index (${show(target)}). Fix: ${fix}`)
    }
    // Imports already refused above are reported once, not again as part of a cycle.
    if (!imp.typeOnly && !imp.inlineTypesOnly) {
      if (!valueEdges.has(file)) valueEdges.set(file, [])
      valueEdges.get(file).push(target)
    }
  }
}

function relPath(fromFile, to) {
  let r = relative(dirname(fromFile), to).split(sep).join('/')
  if (!r.startsWith('.')) r = './' + r
  return r
}

// e) no cycles of runtime imports: next to a module with top-level await (Automerge's wasm) a
// cycle can deadlock module evaluation in bundles (a Storybook build hung on one).
{
  const state = new Map() // file -> 'open' | 'done'
  const stack = []
  const visit = (file) => {
    state.set(file, 'open')
    stack.push(file)
    for (const next of valueEdges.get(file) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = stack.slice(stack.indexOf(next)).concat(next).map(show)
        problems.push(`${cycle[0]}: [cycle] runtime imports go round: ${cycle.join(' -> ')}. Fix: move what both need into a third file, or make one side \`import type\``)
      } else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of valueEdges.keys()) if (!state.has(file)) visit(file)
}

if (problems.length) {
  for (const p of problems) console.error(p)
  console.error(`lint-layers: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${files.length} files (rules: scripts/lint-layers.js, ARCHITECTURE.md)`)
  process.exit(1)
}
console.log(`lint-layers: ok (${files.length} files)`)
