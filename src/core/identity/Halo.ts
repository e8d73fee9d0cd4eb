import * as A from '@automerge/automerge'
import type { DocHandle, DocHandleChangePayload } from '@automerge/automerge-repo'
import { parseCredential, verifySignature, type Credential } from './credentials.ts'

/** The identity's own document, synced between its devices: devices, revocations, spaces. */
export interface HaloDoc {
  identityKey?: unknown
  devices: Record<string, unknown>
  revocations: Record<string, unknown>
  spaces: Record<string, unknown>
}

/** A device of the identity. */
export interface Device {
  deviceKey: string
  /** True for the device this client runs on. */
  current: boolean
  /** Display label given when the device was invited (if any). */
  label?: string
}

/**
 * The identity's HALO: which devices belong to it (signed device credentials), which
 * were revoked (never forgotten), and which spaces it has (so a new device sees them all).
 */
export class Halo {
  readonly identityKey: string
  readonly #handle: DocHandle<HaloDoc>
  readonly #deviceKey: string
  #devices: readonly Device[] = []
  #revoked = new Set<string>()
  #spaces: Record<string, string> = {}
  #listeners = new Set<() => void>()
  #off: () => void

  constructor(handle: DocHandle<HaloDoc>, identityKey: string, deviceKey: string) {
    this.identityKey = identityKey
    this.#handle = handle
    this.#deviceKey = deviceKey
    const onChange = ({ doc }: DocHandleChangePayload<HaloDoc>) => this.#read(doc)
    handle.on('change', onChange)
    this.#off = () => handle.off('change', onChange)
    this.#read(handle.doc())
  }

  get documentId(): string {
    return this.#handle.documentId
  }

  /** Devices, this one first; revoked ones are left out. Same array until it changes. */
  get devices(): readonly Device[] {
    return this.#devices
  }

  /** Device keys revoked for this identity. */
  get revoked(): ReadonlySet<string> {
    return this.#revoked
  }

  /** Space id -> address of every space the identity has. */
  get spaces(): Readonly<Record<string, string>> {
    return this.#spaces
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  addDevice(credential: Credential): void {
    this.#handle.change((d) => {
      d.devices[credential.subject] = new A.ImmutableString(JSON.stringify(credential))
    })
  }

  addRevocation(credential: Credential): void {
    this.#handle.change((d) => {
      d.revocations[credential.subject] = new A.ImmutableString(JSON.stringify(credential))
    })
  }

  addSpace(id: string, address: string): void {
    if (this.#spaces[id] === address) return
    this.#handle.change((d) => {
      d.spaces[id] = new A.ImmutableString(address)
    })
  }

  removeSpace(id: string): void {
    if (!(id in this.#spaces)) return
    this.#handle.change((d) => {
      delete d.spaces[id]
    })
  }

  close(): void {
    this.#off()
  }

  #read(doc: A.Doc<HaloDoc>): void {
    const text = (v: unknown) => (A.isImmutableString(v) ? (v as A.ImmutableString).val : typeof v === 'string' ? v : undefined)
    const revoked = new Set<string>()
    for (const [key, raw] of Object.entries(doc?.revocations ?? {})) {
      const c = parseCredential(text(raw) ?? '')
      // Only the identity itself can revoke its devices.
      if (c && c.kind === 'device-revoked' && c.subject === key && c.identityKey === this.identityKey && c.issuer === this.identityKey && c.signer === this.identityKey && verifySignature(c)) {
        revoked.add(key)
      }
    }
    for (const k of this.#revoked) revoked.add(k) // once seen, never forgotten
    const devices: Device[] = []
    for (const [key, raw] of Object.entries(doc?.devices ?? {})) {
      const c = parseCredential(text(raw) ?? '')
      if (!c || c.kind !== 'device' || c.subject !== key || c.identityKey !== this.identityKey || c.signer !== this.identityKey || !verifySignature(c)) continue
      if (revoked.has(key)) continue
      devices.push(Object.freeze({ deviceKey: key, current: key === this.#deviceKey, ...(c.displayName ? { label: c.displayName } : {}) }))
    }
    devices.sort((a, b) => Number(b.current) - Number(a.current) || a.deviceKey.localeCompare(b.deviceKey))
    const spaces: Record<string, string> = {}
    for (const [id, raw] of Object.entries(doc?.spaces ?? {})) {
      const address = text(raw)
      if (address) spaces[id] = address
    }
    const changed =
      JSON.stringify(devices) !== JSON.stringify(this.#devices) ||
      revoked.size !== this.#revoked.size ||
      JSON.stringify(spaces) !== JSON.stringify(this.#spaces)
    this.#revoked = revoked
    if (JSON.stringify(devices) !== JSON.stringify(this.#devices)) this.#devices = Object.freeze(devices)
    this.#spaces = spaces
    if (changed) for (const l of [...this.#listeners]) l()
  }
}
