// Automerge must be initialised before anything pulls in automerge-repo's slim entry.
import '@automerge/automerge-repo'
import type { PeerId } from '@automerge/automerge-repo'
import { RTCPeerConnection as PolyfillRTCPeerConnection } from 'node-datachannel/polyfill'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_FRAME_BYTES, FRAME_HEADER_BYTES, Reassembler, frames } from '../../src/p2p/chunking.ts'
import { MemorySignalingHub } from '../../src/testing/index.ts'
import { WebRTCNetworkAdapter } from '../../src/p2p/WebRTCNetworkAdapter.ts'

function pattern(n: number, seed = 1): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(n)
  let x = seed
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0
    out[i] = x >>> 24
  }
  return out
}

function header(id: number, offset: number, total: number, version = 1): Uint8Array<ArrayBuffer> {
  const h = new Uint8Array(FRAME_HEADER_BYTES)
  const v = new DataView(h.buffer)
  v.setUint8(0, version)
  v.setUint32(1, id)
  v.setUint32(5, offset)
  v.setUint32(9, total)
  return h
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

describe('frames + Reassembler', () => {
  it('round-trips a 5 MB message in frames of at most 16 KiB', () => {
    const message = pattern(5 * 1024 * 1024)
    const r = new Reassembler({ maxMessageBytes: 8 * 1024 * 1024 })
    let out: Uint8Array | null = null
    let count = 0
    let largest = 0
    let early = 0
    for (const f of frames(42, message)) {
      largest = Math.max(largest, f.byteLength)
      if (out) early++ // nothing may complete before the last frame
      out = r.push(f)
      count++
    }
    expect(largest).toBe(DEFAULT_FRAME_BYTES)
    expect(early).toBe(0)
    expect(count).toBe(Math.ceil(message.length / (DEFAULT_FRAME_BYTES - FRAME_HEADER_BYTES)))
    // Buffer.equals: a deep toEqual over 5 MB takes many seconds.
    expect(Buffer.from(out!).equals(message)).toBe(true)
    expect(r.stats).toEqual({ droppedFrames: 0, droppedMessages: 0 })
  })

  it('handles empty, single-frame and exactly-full-frame messages', () => {
    const r = new Reassembler({ maxMessageBytes: 1 << 20 })
    for (const size of [0, 1, 100, DEFAULT_FRAME_BYTES - FRAME_HEADER_BYTES, DEFAULT_FRAME_BYTES]) {
      const message = pattern(size, size + 1)
      const fs = [...frames(size, message)]
      const results = fs.map((f) => r.push(f))
      expect(results.at(-1)).toEqual(message)
      expect(results.slice(0, -1).every((x) => x === null)).toBe(true)
    }
    expect(r.stats.droppedFrames).toBe(0)
  })

  it('drops and counts garbage and truncated frames, without throwing', () => {
    const r = new Reassembler({ maxMessageBytes: 1 << 20 })
    expect(r.push(new Uint8Array(0))).toBeNull()
    expect(r.push(new Uint8Array(FRAME_HEADER_BYTES - 1))).toBeNull() // shorter than a header
    expect(r.push(concat(header(1, 0, 3, 9), new Uint8Array(3)))).toBeNull() // unknown version
    expect(r.push(concat(header(1, 0, 2), new Uint8Array(5)))).toBeNull() // payload longer than total
    expect(r.push('nope' as unknown as Uint8Array)).toBeNull()
    expect(r.stats.droppedFrames).toBe(5)
    // Random bytes never throw.
    for (let i = 0; i < 2000; i++) expect(() => r.push(pattern(i % 64, i))).not.toThrow()
    // And a good message still gets through afterwards.
    const message = pattern(40_000, 7)
    let out: Uint8Array | null = null
    for (const f of frames(99, message)) out = r.push(f)
    expect(out).toEqual(message)
  })

  it('drops an oversized message, and every frame of it, but recovers for the next', () => {
    const r = new Reassembler({ maxMessageBytes: 50_000 })
    const big = [...frames(1, pattern(100_000))]
    for (const f of big) expect(r.push(f)).toBeNull()
    expect(r.stats.droppedFrames).toBe(big.length)
    expect(r.stats.droppedMessages).toBe(1)
    const ok = pattern(50_000, 3)
    let out: Uint8Array | null = null
    for (const f of frames(2, ok)) out = r.push(f)
    expect(out).toEqual(ok)
  })

  it('abandons a message whose frames arrive out of order, missing or mixed with another', () => {
    const message = pattern(60_000)
    const fs = [...frames(5, message)]
    expect(fs.length).toBe(4)

    const swapped = new Reassembler({ maxMessageBytes: 1 << 20 })
    for (const f of [fs[0]!, fs[2]!, fs[1]!, fs[3]!]) expect(swapped.push(f)).toBeNull()
    expect(swapped.stats.droppedMessages).toBe(1)
    expect(swapped.stats.droppedFrames).toBe(3)

    const missing = new Reassembler({ maxMessageBytes: 1 << 20 })
    for (const f of [fs[0]!, fs[1]!, fs[3]!]) expect(missing.push(f)).toBeNull()
    expect(missing.stats.droppedMessages).toBe(1)

    // A new message starting in the middle of another: the unfinished one is given up.
    const other = pattern(10, 9)
    const restarted = new Reassembler({ maxMessageBytes: 1 << 20 })
    expect(restarted.push(fs[0]!)).toBeNull()
    expect(restarted.push([...frames(6, other)][0]!)).toEqual(other)
    expect(restarted.push(fs[1]!)).toBeNull()
    expect(restarted.stats.droppedMessages).toBe(1)
    expect(restarted.stats.droppedFrames).toBe(1)

    // A frame claiming a different total for the same message is rejected too.
    const liar = new Reassembler({ maxMessageBytes: 1 << 20 })
    liar.push(fs[0]!)
    const forged = concat(header(5, fs[0]!.length - FRAME_HEADER_BYTES, 999_999), new Uint8Array(10))
    expect(liar.push(forged)).toBeNull()
    expect(liar.stats.droppedMessages).toBe(1)
  })
})

// Over real data channels: the adapter must carry a multi-megabyte message intact, survive
// garbage injected into the channel, and drop messages over its size limit.
describe('chunking over a WebRTC data channel', () => {
  const adapters: WebRTCNetworkAdapter[] = []
  // Records the data channels it creates, so a test can write raw bytes into one.
  const channels: RTCDataChannel[] = []
  afterEach(() => {
    for (const a of adapters.splice(0)) a.disconnect()
    channels.length = 0
  })

  class RecordingRTCPeerConnection extends PolyfillRTCPeerConnection {
    override createDataChannel(label: string, init?: RTCDataChannelInit) {
      const ch = super.createDataChannel(label, init)
      channels.push(ch as unknown as RTCDataChannel)
      return ch
    }
  }

  async function pair(options: { maxMessageBytes?: number } = {}) {
    const hub = new MemorySignalingHub()
    const make = (id: string) => {
      const a = new WebRTCNetworkAdapter({
        signaling: hub.client(id),
        topic: 'chunks',
        bindAddress: '127.0.0.1',
        RTCPeerConnection: RecordingRTCPeerConnection as unknown as typeof RTCPeerConnection,
        ...options,
      })
      adapters.push(a)
      return a
    }
    const a = make('sig-a')
    const b = make('sig-b')
    const announced = Promise.all([
      new Promise((r) => a.once('peer-candidate', r)),
      new Promise((r) => b.once('peer-candidate', r)),
    ])
    a.connect('A' as PeerId, {})
    b.connect('B' as PeerId, {})
    await announced
    return { a, b }
  }

  function nextMessage(adapter: WebRTCNetworkAdapter) {
    return new Promise<{ data?: Uint8Array; type: string }>((resolve) =>
      adapter.once('message', (m) => resolve(m as { data?: Uint8Array; type: string })),
    )
  }

  it('delivers a 5 MB message intact, and small messages after it in order', async () => {
    const { a, b } = await pair()
    const big = pattern(5 * 1024 * 1024, 11)
    const received: Array<{ type: string; data?: Uint8Array }> = []
    const done = new Promise<void>((resolve) =>
      b.on('message', (m) => {
        received.push(m as { type: string; data?: Uint8Array })
        if (received.length === 2) resolve()
      }),
    )
    const base = { senderId: 'A' as PeerId, targetId: 'B' as PeerId, documentId: 'doc' }
    a.send({ ...base, type: 'big', data: big } as never)
    a.send({ ...base, type: 'small', data: new Uint8Array([1, 2, 3]) } as never)
    await done
    expect(received[0]!.type).toBe('big')
    expect(received[0]!.data!.length).toBe(big.length)
    expect(Buffer.from(received[0]!.data!).equals(Buffer.from(big))).toBe(true)
    expect(received[1]).toMatchObject({ type: 'small', data: new Uint8Array([1, 2, 3]) })
    expect(b.stats.droppedFrames).toBe(0)
  })

  it('drops garbage written straight into the channel and keeps working', async () => {
    const { a, b } = await pair()
    const before = b.stats.droppedFrames
    // `channels` holds both sides' channels; write garbage from every one of them.
    for (const ch of channels) {
      if (ch.readyState !== 'open') continue
      ch.send(new Uint8Array([]))
      ch.send(new Uint8Array([7, 1, 2, 3])) // unknown kind
      ch.send(new Uint8Array([2, 1, 0, 0])) // data kind, truncated frame header
      ch.send(concat(new Uint8Array([2]), header(77, 500, 1000), new Uint8Array(10))) // middle of nothing
      ch.send(concat(new Uint8Array([1]), header(1, 0, 3), new Uint8Array(3))) // handshake after the session
      ch.send('a string' as never)
    }
    const message = nextMessage(b)
    a.send({ type: 'after', senderId: 'A', targetId: 'B', data: new Uint8Array([9]) } as never)
    expect(await message).toMatchObject({ type: 'after', data: new Uint8Array([9]) })
    expect(b.stats.droppedFrames - before).toBeGreaterThanOrEqual(5)
  })

  it('drops a message over maxMessageBytes and counts it', async () => {
    const { a, b } = await pair({ maxMessageBytes: 100_000 })
    const message = nextMessage(b)
    a.send({ type: 'too-big', senderId: 'A', targetId: 'B', data: pattern(200_000) } as never)
    a.send({ type: 'fits', senderId: 'A', targetId: 'B', data: pattern(1000) } as never)
    expect((await message).type).toBe('fits')
    expect(b.stats.droppedMessages).toBe(1)
  })
})
