// Package entry `echo-kit/core`: the engine without React. Importing it wires the engine
// (src/core, which knows no transport and no storage) to the peer-to-peer network (src/p2p)
// and the storage adapters (src/storage), so `createClient({ signaling })` networks out of the
// box in the browser and in Node.
import { provideWiring } from './core/index.ts'
import { webrtcNetwork } from './p2p/index.ts'
import { openStorage } from './storage/index.ts'

provideWiring({ openStorage, network: webrtcNetwork })

export * from './core/index.ts'
export { MemoryStorageAdapter } from './storage/index.ts'
export { webrtcNetwork } from './p2p/index.ts'
