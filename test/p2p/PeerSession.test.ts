import nacl from 'tweetnacl'
import { describe, expect, it } from 'vitest'
import { fromHex } from '../../src/core/shared/encoding.ts'
import { generateIdentity } from '../../src/core/identity/Identity.ts'
import { PeerSession, type SessionIdentity } from '../../src/p2p/PeerSession.ts'

function me(name: string, peerId: string): SessionIdentity {
  const r = generateIdentity(name)
  return { peerId, identityKey: r.identityKey, deviceKey: r.deviceKey, deviceSecretKey: fromHex(r.deviceSecretKey)!, deviceCredential: r.deviceCredential }
}

/** Runs a handshake between a and b; `tamper` may rewrite frames in flight (a relay in the middle). */
function handshake(a: PeerSession, b: PeerSession, tamper: (f: Uint8Array, dir: 'ab' | 'ba') => Uint8Array = (f) => f) {
  const ha = a.start()
  const hb = b.start()
  const ra = a.receive(tamper(hb, 'ba'))
  const rb = b.receive(tamper(ha, 'ab'))
  if (ra.kind !== 'send' || rb.kind !== 'send') return { a: ra, b: rb }
  return { a: a.receive(tamper(rb.frame, 'ba')), b: b.receive(tamper(ra.frame, 'ab')) }
}

describe('PeerSession', () => {
  it('authenticates both devices and binds their peer ids', () => {
    const ia = me('A', 'peer-a')
    const ib = me('B', 'peer-b')
    const a = new PeerSession(ia)
    const b = new PeerSession(ib)
    const r = handshake(a, b)
    expect(r.a.kind).toBe('done')
    expect(r.b.kind).toBe('done')
    expect(a.peer).toMatchObject({ peerId: 'peer-b', deviceKey: ib.deviceKey, identityKey: ib.identityKey })
    expect(b.peer).toMatchObject({ peerId: 'peer-a', deviceKey: ia.deviceKey, identityKey: ia.identityKey })
  })

  it('encrypts frames; replayed, reordered and forged frames are dropped', () => {
    const a = new PeerSession(me('A', 'a'))
    const b = new PeerSession(me('B', 'b'))
    handshake(a, b)
    const f1 = a.seal(new TextEncoder().encode('one'))
    const f2 = a.seal(new TextEncoder().encode('two'))
    expect(new TextDecoder().decode(f1)).not.toContain('one')
    expect(b.unseal(f2)).toBeNull() // out of order
    expect(new TextDecoder().decode(b.unseal(f1)!)).toBe('one')
    expect(b.unseal(f1)).toBeNull() // replay
    const forged = f2.slice()
    forged[forged.length - 1]! ^= 1
    expect(b.unseal(forged)).toBeNull()
    expect(new TextDecoder().decode(b.unseal(f2)!)).toBe('two')
    expect(b.unseal(new Uint8Array(3))).toBeNull()
    expect(b.dropped).toBe(4)
  })

  it('a relay that swaps ephemeral keys (man in the middle) makes both sides fail', () => {
    const a = new PeerSession(me('A', 'a'))
    const b = new PeerSession(me('B', 'b'))
    const mallory = nacl.box.keyPair()
    const swap = (f: Uint8Array) => {
      try {
        const m = JSON.parse(new TextDecoder().decode(f))
        if (m.t === 'hello') return new TextEncoder().encode(JSON.stringify({ ...m, eph: Buffer.from(mallory.publicKey).toString('hex') }))
      } catch {
        // encrypted auth frame: pass through
      }
      return f
    }
    const r = handshake(a, b, swap)
    expect(r.a.kind).toBe('fail')
    expect(r.b.kind).toBe('fail')
    expect(a.peer).toBeUndefined()
  })

  it('refuses a device credential that does not verify, and revoked devices', () => {
    const ia = me('A', 'a')
    const ib = me('B', 'b')
    const other = me('C', 'c')
    // B presents C's credential for its own device key: the chain does not match.
    const bad = new PeerSession({ ...ib, deviceCredential: other.deviceCredential })
    expect(handshake(new PeerSession(ia), bad).a.kind).toBe('fail')
    const revoking = new PeerSession(ia, { isRevoked: (k) => k === ib.deviceKey })
    expect(handshake(revoking, new PeerSession(ib)).a).toMatchObject({ kind: 'fail', reason: 'device revoked' })
  })

  it('garbage and oversized handshake frames fail cleanly', () => {
    for (const junk of [new Uint8Array(0), new TextEncoder().encode('{"t":"hello"}'), new TextEncoder().encode('not json'), new Uint8Array(20_000)]) {
      const s = new PeerSession(me('A', 'a'))
      s.start()
      expect(s.receive(junk).kind).toBe('fail')
    }
  })
})
