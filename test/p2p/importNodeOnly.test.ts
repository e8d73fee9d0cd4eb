import { describe, expect, it } from 'vitest'
import { isEchoError } from '../../src/core/shared/index.ts'
import { importNodeOnly } from '../../src/p2p/importNodeOnly.ts'
import { importNodeOnly as browserImportNodeOnly } from '../../src/p2p/importNodeOnly.browser.ts'
import { nodeFsStorage as browserNodeFsStorage } from '../../src/storage/nodeFsStorage.browser.ts'
import { nodeFsStorage } from '../../src/storage/nodeFsStorage.ts'

// The Node-only loaders and the stand-ins the browser build swaps in (scripts/build.js).
describe('Node-only modules', () => {
  it('in Node, loads ws, the node-datachannel polyfill, node:os and file storage', async () => {
    const ws = (await importNodeOnly('ws')) as { WebSocket?: unknown }
    expect(typeof ws.WebSocket).toBe('function')
    const polyfill = (await importNodeOnly('node-datachannel/polyfill')) as { RTCPeerConnection?: unknown }
    expect(typeof polyfill.RTCPeerConnection).toBe('function')
    const os = (await importNodeOnly('node:os')) as typeof import('node:os')
    expect(typeof os.networkInterfaces).toBe('function')
    const storage = await nodeFsStorage(`${(await import('node:os')).tmpdir()}/echo-kit-nodefs-${process.pid}`)
    expect(typeof storage.load).toBe('function')
  })

  it('the browser stand-ins reject with a typed error that says what to use instead', async () => {
    const network = await browserImportNodeOnly('node-datachannel/polyfill').catch((e: unknown) => e)
    expect(isEchoError(network, 'NETWORK_FAILED')).toBe(true)
    expect((network as Error).message).toMatch(/RTCPeerConnection option/)
    const storage = await browserNodeFsStorage('./data').catch((e: unknown) => e)
    expect(isEchoError(storage, 'STORAGE_FAILED')).toBe(true)
    expect((storage as Error).message).toMatch(/'indexeddb' or 'memory'/)
  })
})
