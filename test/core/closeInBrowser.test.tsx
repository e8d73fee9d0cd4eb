// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest'
import { createClient } from '../../src/index.ts'
import { MemorySignalingHub } from '../../src/testing/index.ts'

// In a browser the client follows the window's online/offline events; close() must take those
// listeners away again (a page that creates and closes clients must not pile them up).
describe('close() in a browser', () => {
  it('removes every window listener a networked client added', async () => {
    const added = new Map<string, Set<unknown>>()
    const add = vi.spyOn(window, 'addEventListener').mockImplementation((type: string, listener: unknown) => {
      if (!added.has(type)) added.set(type, new Set())
      added.get(type)!.add(listener)
    })
    const remove = vi.spyOn(window, 'removeEventListener').mockImplementation((type: string, listener: unknown) => {
      added.get(type)?.delete(listener)
    })
    try {
      const hub = new MemorySignalingHub()
      for (let i = 0; i < 10; i++) {
        const client = await createClient({ storage: 'memory', broadcast: false, signaling: hub.client(), name: `tab${i}` })
        await client.createIdentity({ displayName: `Tab ${i}` })
        expect(added.get('offline')?.size).toBe(1)
        expect(added.get('online')?.size).toBe(1)
        await client.close()
        expect(added.get('offline')?.size ?? 0).toBe(0)
        expect(added.get('online')?.size ?? 0).toBe(0)
      }
      expect(add).toHaveBeenCalled()
      expect(remove).toHaveBeenCalled()
    } finally {
      add.mockRestore()
      remove.mockRestore()
    }
  })
})
