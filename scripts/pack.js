#!/usr/bin/env node
// Builds dist/ and packs the package once into .tmp/pack/echo-kit-<version>.tgz: the same tarball
// the package checks (scripts/check-package.js) and the consumer apps (scripts/test-consumers.js)
// use, so what is tested is what `npm publish` would upload. Prints the tarball's path.
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * Runs the build, then `npm pack` (without its prepack script, which would build again).
 *
 * @example const { tarball, files } = packPackage()
 */
export function packPackage() {
  execFileSync(process.execPath, [join(root, 'scripts/build.js')], { cwd: root, stdio: 'inherit' })
  const destination = join(root, '.tmp/pack')
  rmSync(destination, { recursive: true, force: true })
  mkdirSync(destination, { recursive: true })
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], { cwd: root, encoding: 'utf8' })
  const [info] = JSON.parse(out)
  return { tarball: join(destination, info.filename), files: info.files.map((f) => f.path), size: info.size }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(packPackage().tarball)
}
