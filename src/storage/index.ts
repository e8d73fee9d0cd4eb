// src/storage: the folder's door; other folders import only from here.
export { MemoryStorageAdapter } from './MemoryStorageAdapter.ts'
export { openStorage } from './openStorage.ts'
export type { StorageOption } from './openStorage.ts'
