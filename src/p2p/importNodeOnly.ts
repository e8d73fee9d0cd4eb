// Loading the Node-only pieces of the network (`ws`, node-datachannel), in its own file so the
// package's browser build can swap it for importNodeOnly.browser.ts (see scripts/build.js).
import { EchoError } from '../core/shared/index.ts'

/** The Node-only modules the network may load, and the npm package that provides each. */
const PACKAGE_OF = {
  ws: 'ws',
  'node-datachannel/polyfill': 'node-datachannel',
  'node:os': 'node:os',
} as const

/**
 * A Node-only module the network may need.
 *
 * @example const name: NodeOnlyModule = 'ws'
 */
export type NodeOnlyModule = keyof typeof PACKAGE_OF

/**
 * Imports a Node-only module. The specifier reaches `import()` as a variable with ignore hints,
 * so a bundler building this file for a browser leaves it alone. Rejects with NETWORK_FAILED
 * naming the package to install when it is missing (both are optional dependencies).
 *
 * @example const { WebSocket } = (await importNodeOnly('ws')) as typeof import('ws')
 */
export async function importNodeOnly(name: NodeOnlyModule): Promise<unknown> {
  const specifier: string = name
  try {
    return await import(/* webpackIgnore: true */ /* @vite-ignore */ specifier)
  } catch (error) {
    const pkg = PACKAGE_OF[name]
    const missing = (error as { code?: string })?.code === 'ERR_MODULE_NOT_FOUND'
    throw new EchoError(
      'NETWORK_FAILED',
      missing
        ? `echo-kit needs the '${pkg}' package for networking in Node: npm install ${pkg} (or pass the WebSocket / RTCPeerConnection option)`
        : `could not load '${specifier}': ${(error as Error)?.message}`,
      { cause: error },
    )
  }
}
