// Loads a CLI module of echo-kit for the bin scripts. The installed package runs the built
// JavaScript (dist/node/...) with plain node; in a source checkout (src/ next to bin/, tsx
// installed as a devDependency) it runs the TypeScript sources, so the repo's own tests never
// run a stale build. Either way it runs in this process: the PID a supervisor sees is the
// CLI's, and SIGTERM reaches it directly.
import { existsSync } from 'node:fs'

/**
 * @param {string} path the module under src/ without extension, e.g. 'server/cli'
 * @returns {Promise<any>} the module's exports
 */
export async function loadCli(path) {
  const sources = new URL(`../src/${path}.ts`, import.meta.url)
  if (existsSync(sources)) {
    const { register } = await import('tsx/esm/api')
    register()
    return import(sources.href)
  }
  return import(new URL(`../dist/node/${path}.js`, import.meta.url).href)
}
