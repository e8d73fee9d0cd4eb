// @vitest-environment jsdom
import { act, cleanup, renderHook } from '@testing-library/react'
import { useMemo, type ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EchoProvider, Space, useSpace, type Client } from '../../src/index.ts'
import { memoryClient } from './helpers.tsx'

let client: Client
let space: Space
beforeEach(async () => {
  client = await memoryClient('Ada')
  space = await client.createSpace({ name: 'Board' })
})
afterEach(async () => {
  cleanup()
  await client.close()
})
const wrapper = ({ children }: { children: ReactNode }) => <EchoProvider client={client}>{children}</EchoProvider>

describe('useSpace gives a new value exactly when what it shows changes', () => {
  it('name, members and role changes give a new value; object writes and re-renders do not', async () => {
    const bob = await memoryClient('Bob')
    const { result, rerender } = renderHook(() => useSpace(space.id), { wrapper })
    const first = result.current!
    expect(first.name).toBe('Board')
    expect(first.role).toBe('owner')
    rerender()
    expect(result.current).toBe(first)

    act(() => void space.db.add({ title: 'an object write' }))
    expect(result.current).toBe(first)

    act(() => {
      space.name = 'Renamed'
    })
    const renamed = result.current!
    expect(renamed).not.toBe(first)
    expect(renamed.name).toBe('Renamed')

    await act(() => space.admit({ identityKey: bob.identity!.identityKey, role: 'reader' }))
    const admitted = result.current!
    expect(admitted).not.toBe(renamed)
    expect(admitted.members.map((m) => m.role).sort()).toEqual(['owner', 'reader'])
    await bob.close()
  })

  it('an app memo keyed on the space sees member changes', async () => {
    const bob = await memoryClient('Bob')
    const { result } = renderHook(
      () => {
        const s = useSpace(space.id)
        return useMemo(() => s?.members.length, [s])
      },
      { wrapper },
    )
    expect(result.current).toBe(1)
    await act(() => space.admit({ identityKey: bob.identity!.identityKey }))
    expect(result.current).toBe(2)
    await bob.close()
  })

  it('the value acts as the space: same db, setters and methods work, instanceof holds', async () => {
    const { result } = renderHook(() => useSpace(space.id), { wrapper })
    const view = result.current!
    expect(view).toBeInstanceOf(Space)
    expect(view.id).toBe(space.id)
    expect(view.db).toBe(space.db)
    expect(view.subscribe).toBe(view.subscribe) // stable per value
    act(() => {
      view.name = 'Set through the view'
    })
    expect(space.name).toBe('Set through the view')
    expect(view.address).toBe(space.address)
    const obj = view.db.add({ title: 'via view' })
    expect(space.db.get(obj['@id'])?.title).toBe('via view')
  })

  it('status changes (closed on leave) give a new value, then undefined', async () => {
    const { result } = renderHook(() => useSpace(space.id), { wrapper })
    const before = result.current
    expect(before?.status).toBe('ready')
    await act(() => space.leave())
    expect(result.current).toBeUndefined()
  })
})
