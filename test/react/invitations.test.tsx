// @vitest-environment jsdom
import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, expect, it } from 'vitest'
import { MemorySignalingHub } from '../../src/testing/index.ts'
import { createClient, EchoProvider, useDeviceInvitation, useJoinDevice, useJoinSpace, useSpaceInvitation, type Client } from '../../src/index.ts'
import { link } from './helpers.tsx'

const clients: Client[] = []
afterEach(async () => {
  cleanup()
  for (const c of clients.splice(0)) await c.close()
})

async function peer(hub: MemorySignalingHub, name: string, displayName?: string) {
  const c = await createClient({ storage: 'memory', broadcast: false, name, signaling: hub.client(name), webrtc: false })
  if (displayName) await c.createIdentity({ displayName })
  clients.push(c)
  return c
}
const wrap = (c: Client) => ({ children }: { children: ReactNode }) => <EchoProvider client={c}>{children}</EchoProvider>

it('useSpaceInvitation + useJoinSpace run the whole flow, errors as data', async () => {
  const hub = new MemorySignalingHub()
  const ada = await peer(hub, 'ada', 'Ada')
  const bob = await peer(hub, 'bob', 'Bob')
  link(ada, bob)
  const space = await ada.createSpace({ name: 'Team' })
  const host = renderHook(() => useSpaceInvitation(space), { wrapper: wrap(ada) })
  const guest = renderHook(() => useJoinSpace(), { wrapper: wrap(bob) })
  expect(host.result.current.state).toBe('init')
  // A bad code is an error state, not a throw.
  act(() => guest.result.current.join('not-a-code'))
  expect(guest.result.current.state).toBe('error')
  expect(guest.result.current.error?.code).toBe('INVALID_INVITATION')
  act(() => void host.result.current.create())
  expect(host.result.current.code).toMatch(/^[\w-]{102}$/)
  act(() => guest.result.current.join(host.result.current.code))
  await waitFor(() => expect(guest.result.current.state).toBe('ready-for-auth'))
  await waitFor(() => expect(host.result.current.authCode).toMatch(/^\d{6}$/))
  const wrong = host.result.current.authCode === '999999' ? '000000' : '999999'
  await act(async () => {
    await guest.result.current.authenticate(wrong)
  })
  expect(guest.result.current.attemptsLeft).toBe(2)
  expect(guest.result.current.error?.code).toBe('AUTH_FAILED')
  await act(async () => {
    await guest.result.current.authenticate(host.result.current.authCode!)
  })
  expect(guest.result.current.state).toBe('success')
  expect(guest.result.current.space?.id).toBe(space.id)
  await waitFor(() => expect(host.result.current.state).toBe('success'))
})

it('useDeviceInvitation + useJoinDevice add a device; unmount cancels an open invitation', async () => {
  const hub = new MemorySignalingHub()
  const laptop = await peer(hub, 'laptop', 'Ada')
  const phone = await peer(hub, 'phone')
  link(laptop, phone)
  const host = renderHook(() => useDeviceInvitation(), { wrapper: wrap(laptop) })
  const guest = renderHook(() => useJoinDevice(), { wrapper: wrap(phone) })
  act(() => void host.result.current.create())
  act(() => guest.result.current.join(host.result.current.code))
  await waitFor(() => expect(host.result.current.state).toBe('ready-for-auth'))
  await act(async () => {
    await guest.result.current.authenticate(host.result.current.authCode!)
  })
  expect(guest.result.current.state).toBe('success')
  expect(phone.identity?.identityKey).toBe(laptop.identity?.identityKey)
  act(() => void host.result.current.create())
  const open = host.result.current.invitation!
  expect(open.state).toBe('connecting')
  host.unmount()
  expect(open.state).toBe('cancelled')
})
