// @vitest-environment jsdom
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react'
import { Component, StrictMode, type ReactNode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { EchoProvider, useClient, useIdentity, useQuery, useSpace, useSpaces, type Client } from '../../src/index.ts'
import { memoryClient } from './helpers.tsx'

afterEach(cleanup)

class Boundary extends Component<{ children: ReactNode }, { error?: Error }> {
  state: { error?: Error } = {}
  static getDerivedStateFromError(error: Error) {
    return { error }
  }
  render() {
    return this.state.error ? <p>boundary: {(this.state.error as { code?: string }).code}</p> : this.props.children
  }
}

describe('EchoProvider', () => {
  it('hooks outside the provider throw at once, saying how to fix it', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const hooks: (() => unknown)[] = [useClient, useIdentity, useSpaces, () => useSpace(), () => useQuery(undefined, {})]
    for (const hook of hooks) {
      expect(() => renderHook(hook)).toThrow(/inside <EchoProvider>/)
    }
    vi.restoreAllMocks()
  })

  it('config mode: renders the fallback, then children with one client, even under StrictMode', async () => {
    const ready = vi.fn()
    const seen = new Set<Client>()
    function Probe() {
      const client = useClient()
      seen.add(client)
      return <p>client {client.status}</p>
    }
    const { unmount } = render(
      <StrictMode>
        <EchoProvider config={{ storage: 'memory', broadcast: false }} fallback={<p>loading…</p>} onReady={ready}>
          <Probe />
        </EchoProvider>
      </StrictMode>,
    )
    expect(screen.getByText('loading…')).toBeTruthy()
    await screen.findByText('client ready')
    expect(ready).toHaveBeenCalledTimes(1)
    expect(seen.size).toBe(1)
    const [client] = [...seen]
    // The StrictMode double effect did not close the client it reused.
    await new Promise((r) => setTimeout(r, 20))
    expect(client!.status).toBe('ready')
    unmount()
    await waitFor(() => expect(client!.status).toBe('closed'))
  })

  it('a client that fails to start shows an error state the app can render', async () => {
    render(
      <EchoProvider config={{ storage: 'floppy' as never }} errorFallback={(e) => <p>failed: {e.code}</p>}>
        <p>app</p>
      </EchoProvider>,
    )
    await screen.findByText('failed: STORAGE_FAILED')
    expect(screen.queryByText('app')).toBeNull()
  })

  it('default error state is an alert; throwOnError hands it to an error boundary', async () => {
    const { unmount } = render(
      <EchoProvider config={{ storage: 'floppy' as never }}>
        <p>app</p>
      </EchoProvider>,
    )
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not start/)
    unmount()
    vi.spyOn(console, 'error').mockImplementation(() => {})
    render(
      <Boundary>
        <EchoProvider config={{ storage: 'floppy' as never }} throwOnError>
          <p>app</p>
        </EchoProvider>
      </Boundary>,
    )
    await screen.findByText('boundary: STORAGE_FAILED')
    vi.restoreAllMocks()
  })

  it('client mode: useIdentity, useSpaces and useSpace follow the engine', async () => {
    const client = await memoryClient('Ada')
    const wrapper = ({ children }: { children: ReactNode }) => <EchoProvider client={client}>{children}</EchoProvider>
    const { result } = renderHook(
      () => ({ identity: useIdentity(), spaces: useSpaces(), personal: useSpace(), space: useSpace(client.spaces[0]?.id) }),
      { wrapper },
    )
    expect(result.current.identity?.displayName).toBe('Ada')
    expect(result.current.personal?.personal).toBe(true)
    expect(result.current.spaces).toHaveLength(1)
    let created: Awaited<ReturnType<Client['createSpace']>>
    await act(async () => {
      created = await client.createSpace({ name: 'Board' })
    })
    expect(result.current.spaces.map((s) => s.name)).toEqual(['Personal', 'Board'])
    const { result: named } = renderHook(() => useSpace(created!.id)?.name, { wrapper })
    expect(named.current).toBe('Board')
    act(() => {
      created!.name = 'Renamed'
    })
    expect(named.current).toBe('Renamed')
    await client.close()
  })
})
