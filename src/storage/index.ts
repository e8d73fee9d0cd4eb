// src/storage: where a client's documents live: IndexedDB (browser), files (Node), memory.
export { MemoryStorageAdapter } from './MemoryStorageAdapter.ts'
export { openStorage } from './openStorage.ts'
