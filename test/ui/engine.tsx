// Real engine clients for the UI tests: in-memory storage, in-process signaling, MessageChannel
// links for sync (test/react/helpers.tsx). Nothing is mocked.
import { fireEvent, within } from '@testing-library/react'
import type { ReactNode } from 'react'
import { MemorySignalingHub } from '../../src/testing/index.ts'
import { createClient, EchoProvider, type Client, type Invitation, type Joining } from '../../src/index.ts'
import { link } from '../react/helpers.tsx'

export { link, MemorySignalingHub }

const open: Client[] = []

/** A client named `name` on `hub`, with an identity when `displayName` is given. */
export async function peer(hub: MemorySignalingHub, name: string, displayName?: string): Promise<Client> {
  const client = await createClient({ storage: 'memory', broadcast: false, name, signaling: hub.client(name), webrtc: false })
  if (displayName) await client.createIdentity({ displayName })
  open.push(client)
  return client
}

/** Closes every client made by {@link peer} (call after `cleanup()`). */
export async function closePeers(): Promise<void> {
  for (const client of open.splice(0)) await client.close().catch(() => {})
}

/** Wraps `ui` in a provider for `client`. */
export function withClient(client: Client, ui: ReactNode) {
  return <EchoProvider client={client}>{ui}</EchoProvider>
}

/** Resolves once `store` (an Invitation or a Joining) satisfies `ok`. */
export function until<T extends Invitation | Joining>(store: T, ok: (s: T) => boolean, timeout = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (ok(store)) return resolve()
    const timer = setTimeout(() => {
      off()
      reject(new Error(`timed out in state ${store.state}`))
    }, timeout)
    const off = store.subscribe(() => {
      if (!ok(store)) return
      clearTimeout(timer)
      off()
      resolve()
    })
  })
}

/** A 6-digit code that is not `code`. */
export function wrongCode(code: string): string {
  return code === '000000' ? '111111' : '000000'
}

/** Types digits into the focused PIN cell, key by key, as a keyboard would. */
export function typeDigits(digits: string): void {
  // The PIN entry is one input: each key adds a digit to its value, as a keyboard would.
  const input = document.activeElement as HTMLInputElement
  for (const key of digits) fireEvent.change(input, { target: { value: input.value + key } })
}

/** The 6-digit auth code as a host dialog shows it (read from its accessible name). */
export function authCodeShownIn(container: HTMLElement): string {
  const img = within(container).getByRole('img', { name: /^Authorization code [\d ]+$/ })
  return img.getAttribute('aria-label')!.replace(/\D/g, '')
}

/** Puts a fake clipboard on navigator; returns what was written. */
export function fakeClipboard(): string[] {
  const written: string[] = []
  Object.defineProperty(navigator, 'clipboard', {
    value: { writeText: async (text: string) => void written.push(text) },
    configurable: true,
  })
  return written
}

/** Adds `newDevice` (a client without identity) to `host`'s identity through a device invitation. */
export async function addDevice(host: Client, newDevice: Client): Promise<void> {
  const invitation = host.createDeviceInvitation()
  const joining = newDevice.join(invitation.code)
  await until(invitation, (i) => !!i.authCode)
  await until(joining, (j) => j.state === 'ready-for-auth')
  await joining.authenticate(invitation.authCode!)
  if (joining.state !== 'success') throw new Error(`device join ended in ${joining.state}`)
}
