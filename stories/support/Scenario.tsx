// Live engine scenarios for stories: real in-memory clients that meet over an in-process
// signaling hub (invitations) and sync over MessageChannels, driven programmatically into the state a story
// shows. Nothing here is a mock or a screenshot.
import { MessageChannelNetworkAdapter } from '@automerge/automerge-repo-network-messagechannel'
import { useEffect, useState, type ReactNode } from 'react'
import { MemorySignalingHub } from '../../src/testing/index.ts'
import { createClient, type Client, type Invitation, type Joining } from '../../src/index.ts'

/**
 * What a scenario's setup gets: a fresh hub, client factory and link, and an abort signal.
 *
 * @example
 * const setup = async (p: Peers) => { const a = await p.peer('a', 'Ada'); const b = await p.peer('b'); p.link(a, b); return { a } }
 */
export interface Peers {
  hub: MemorySignalingHub
  /** A client named `name` (with an identity when `displayName` is given), closed on unmount. */
  peer(name: string, displayName?: string): Promise<Client>
  /** Connects two clients for sync, as if they were on the same network. */
  link(a: Client, b: Client): void
  /** Aborted when the story unmounts (StrictMode's first mount included). */
  signal: AbortSignal
}

type Outcome<T> = { value: T } | { error: unknown }

/**
 * Runs `setup` once per mount with fresh peers and renders `children` with its result. Clients
 * are closed when the story unmounts.
 *
 * @example
 * <Scenario setup={async (p) => ({ ada: await p.peer('ada', 'Ada') })}>
 *   {({ ada }) => <EchoProvider client={ada}><DeviceList /></EchoProvider>}
 * </Scenario>
 */
export function Scenario<T>({ setup, children }: { setup: (peers: Peers) => Promise<T>; children: (value: T) => ReactNode }) {
  const [outcome, setOutcome] = useState<Outcome<T> | undefined>()
  useEffect(() => {
    const controller = new AbortController()
    const hub = new MemorySignalingHub()
    const clients: Client[] = []
    const peers: Peers = {
      hub,
      signal: controller.signal,
      async peer(name, displayName) {
        // Signaling carries the invitations; sync runs over the in-process links only (no
        // second, WebRTC path between the same two peers). The Live stories use WebRTC.
        const client = await createClient({ storage: 'memory', broadcast: false, name, signaling: hub.client(name), webrtc: false })
        clients.push(client)
        if (controller.signal.aborted) {
          // StrictMode's first mount, already unmounted: nothing will close this client later.
          void client.close().catch(() => {})
          throw new Error('aborted')
        }
        if (displayName) await client.createIdentity({ displayName })
        return client
      },
      link(a, b) {
        const { port1, port2 } = new MessageChannel()
        a.addNetworkAdapter(new MessageChannelNetworkAdapter(port1))
        b.addNetworkAdapter(new MessageChannelNetworkAdapter(port2))
      },
    }
    setup(peers).then(
      (value) => !controller.signal.aborted && setOutcome({ value }),
      (error: unknown) => !controller.signal.aborted && setOutcome({ error }),
    )
    return () => {
      controller.abort()
      setOutcome(undefined)
      // After the components below have run their own cleanups (cancelling invitations).
      setTimeout(() => clients.forEach((c) => void c.close().catch(() => {})), 0)
    }
    // Once per mount: a story that wants another scenario remounts (key).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  if (!outcome) return <p style={{ color: '#4b5563', fontSize: 14 }}>Starting peers…</p>
  if ('error' in outcome) return <p role="alert">Scenario failed: {String((outcome.error as Error)?.message ?? outcome.error)}</p>
  return <>{children(outcome.value)}</>
}

/**
 * Resolves once `store` satisfies `ok` (rejects when `signal` aborts).
 *
 * @example await until(joining, (j) => j.state === 'ready-for-auth', signal)
 */
export function until<T extends Invitation | Joining>(store: T, ok: (s: T) => boolean, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (ok(store)) return resolve()
    const off = store.subscribe(() => {
      if (!ok(store)) return
      off()
      resolve()
    })
    signal?.addEventListener('abort', () => {
      off()
      reject(new Error('aborted'))
    })
  })
}

/** A 6-digit code that is not `code`. @example wrongCode('000000') // '111111' */
export function wrongCode(code: string | undefined): string {
  return code === '000000' ? '111111' : '000000'
}

/** Waits `ms` milliseconds. @example await sleep(300) */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/**
 * What a programmatic guest does with the first live invitation a host dialog creates:
 * - `none`: nothing (the invitation waits);
 * - `connect`: joins, so both sides reach ready-for-auth;
 * - `wrong-code`: connects and sends one wrong code;
 * - `too-many-attempts`: connects and sends wrong codes until the invitation is closed;
 * - `success`: connects and sends the right code;
 * - `cancel`: connects, then cancels joining.
 *
 * @example const step: GuestStep = 'wrong-code'
 */
export type GuestStep = 'none' | 'connect' | 'wrong-code' | 'too-many-attempts' | 'success' | 'cancel'

/**
 * Returns an `onInvitation` handler that drives `guest` through `step` on the first invitation
 * that is still live a moment after it was created (StrictMode's throw-away one is skipped;
 * invitations made later with "New invitation" are left to the viewer).
 *
 * @example
 * <InvitationDialog space={space} defaultOpen onInvitation={guestDriver(bob, 'connect', signal)} />
 */
export function guestDriver(guest: Client, step: GuestStep, signal: AbortSignal): (invitation: Invitation) => void {
  let started = false
  return (invitation) => {
    if (started || step === 'none') return
    setTimeout(() => {
      if (started || signal.aborted || invitation.state !== 'connecting') return
      started = true
      void drive(guest, invitation, step, signal).catch(() => {})
    }, 50)
  }
}

async function drive(guest: Client, invitation: Invitation, step: GuestStep, signal: AbortSignal): Promise<void> {
  const joining = guest.join(invitation.code)
  signal.addEventListener('abort', () => joining.cancel())
  await until(joining, (j) => j.state === 'ready-for-auth', signal)
  await until(invitation, (i) => !!i.authCode, signal)
  if (step === 'connect') return
  await sleep(400)
  if (step === 'cancel') return joining.cancel()
  if (step === 'success') return void (await joining.authenticate(invitation.authCode!))
  await joining.authenticate(wrongCode(invitation.authCode))
  if (step === 'wrong-code') return
  while (joining.state === 'ready-for-auth') await joining.authenticate(wrongCode(invitation.authCode))
}

const hosts = new Map<string, Invitation>()

/**
 * Adds `newDevice` (a client without identity) to `host`'s identity with a device invitation.
 *
 * @example await addDevice(laptop, phone, signal)
 */
export async function addDevice(host: Client, newDevice: Client, signal?: AbortSignal): Promise<void> {
  const invitation = host.createDeviceInvitation()
  const joining = newDevice.join(invitation.code)
  await until(invitation, (i) => !!i.authCode, signal)
  await until(joining, (j) => j.state === 'ready-for-auth', signal)
  await joining.authenticate(invitation.authCode!)
}

/**
 * Remembers the host invitation of a story, so its play function can read the auth code the
 * host would show (as a person reads it off the other screen).
 *
 * @example rememberHost(context.id, invitation)
 */
export function rememberHost(storyId: string, invitation: Invitation): void {
  hosts.set(storyId, invitation)
}

/**
 * The remembered host invitation of a story, once a guest is connected (its auth code is set).
 *
 * @example const { authCode } = await hostOf(context.id)
 */
export async function hostOf(storyId: string): Promise<Invitation> {
  for (let i = 0; i < 200; i++) {
    const invitation = hosts.get(storyId)
    if (invitation?.authCode) return invitation
    await sleep(50)
  }
  throw new Error(`no connected host invitation for ${storyId}`)
}
