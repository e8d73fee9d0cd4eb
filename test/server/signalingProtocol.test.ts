import { describe, expect, it } from 'vitest'
import {
  classifySignalingFrame,
  isClientMessage,
  isServerMessage,
  parseSignalingMessage,
} from '../../src/p2p/signalingProtocol.ts'

const topic = 'aaaaBBBBccccDDDD_-01'
const key = 'A'.repeat(42) + 'E' // 43 base64url chars: an Ed25519 key's shape
const sig = 'S'.repeat(86)
const nonce = 'N'.repeat(43)

describe('parseSignalingMessage', () => {
  it('accepts every message type in its documented shape', () => {
    const valid = [
      { type: 'hello', key, sig },
      { type: 'join', topic },
      { type: 'leave', topic },
      { type: 'signal', topic, to: 'bob', data: { sdp: 'v=0', nested: { a: [1, 2] } } },
      { type: 'ping' },
      { type: 'challenge', nonce },
      { type: 'welcome', peerId: 'alice' },
      { type: 'peers', topic, peers: ['bob', 'carol'] },
      { type: 'peer-joined', topic, peerId: 'bob' },
      { type: 'peer-left', topic, peerId: 'bob' },
      { type: 'signal', topic, from: 'bob', data: {} },
      { type: 'pong' },
      { type: 'error', code: 'RATE_LIMITED', message: 'slow down' },
      { type: 'error', code: 'DUPLICATE_PEER', message: 'x', topic },
    ]
    for (const m of valid) {
      expect(parseSignalingMessage(JSON.stringify(m)), JSON.stringify(m)).toEqual(m)
      // Already-parsed values are accepted too.
      expect(parseSignalingMessage(m)).toEqual(m)
    }
  })

  it('rejects bad fields as malformed', () => {
    const bad: unknown[] = [
      'not json',
      '',
      'null',
      '[]',
      '"hello"',
      { peerId: 'a' },
      { type: 'hello' },
      { type: 'hello', peerId: 'alice' }, // the unproven form is gone: a key and a signature are required
      { type: 'hello', key, sig: '' },
      { type: 'hello', key: key.slice(1), sig },
      { type: 'hello', key: `${key.slice(1)}+`, sig },
      { type: 'hello', key, sig: `${sig}A` },
      { type: 'challenge' },
      { type: 'challenge', nonce: 'short' },
      { type: 'join', topic: 'short' },
      { type: 'join', topic: 'a'.repeat(129) },
      { type: 'join', topic: 'has/slash/aaaaaaaaaaaa' },
      { type: 'signal', topic, to: 'bob' },
      { type: 'signal', topic, to: 'bob', data: null },
      { type: 'signal', topic, to: 'bob', data: [1] },
      { type: 'signal', topic, to: 'bob', data: 'text' },
      { type: 'signal', topic, to: 'bob', from: 'eve', data: {} },
      { type: 'signal', topic, data: {} },
      { type: 'peers', topic, peers: ['ok', 'not ok'] },
      { type: 'peers', topic, peers: 'bob' },
      { type: 'error', code: '', message: '' },
      { type: 'error', code: 'X', message: 5 },
      new Uint8Array([123, 125]),
      42,
    ]
    for (const raw of bad) {
      expect(classifySignalingFrame(raw), String(JSON.stringify(raw))).toEqual({ ok: false, reason: 'malformed' })
      expect(parseSignalingMessage(raw)).toBeNull()
    }
  })

  it('tells unknown types apart from malformed frames', () => {
    expect(classifySignalingFrame('{"type":"subscribe","topic":"x"}')).toEqual({ ok: false, reason: 'unknown' })
    expect(classifySignalingFrame('{"type":"__proto__"}')).toEqual({ ok: false, reason: 'unknown' })
  })

  it('rejects signal data nested deeper than the limit', () => {
    let deep: Record<string, unknown> = {}
    const root = deep
    for (let i = 0; i < 100; i++) {
      const next = {}
      deep.x = next
      deep = next
    }
    expect(parseSignalingMessage({ type: 'signal', topic, to: 'bob', data: root })).toBeNull()
  })

  it('keeps only known fields', () => {
    const m = parseSignalingMessage(`{"type":"join","topic":"${topic}","admin":true,"__proto__":{"x":1}}`)
    expect(m).toEqual({ type: 'join', topic })
    expect(Object.keys(m!)).toEqual(['type', 'topic'])
  })

  it('separates client and server directions', () => {
    const toServer = parseSignalingMessage({ type: 'signal', topic, to: 'bob', data: {} })!
    const fromServer = parseSignalingMessage({ type: 'signal', topic, from: 'bob', data: {} })!
    expect(isClientMessage(toServer)).toBe(true)
    expect(isServerMessage(toServer)).toBe(false)
    expect(isClientMessage(fromServer)).toBe(false)
    expect(isServerMessage(fromServer)).toBe(true)
    expect(isClientMessage(parseSignalingMessage({ type: 'welcome', peerId: 'a' })!)).toBe(false)
    expect(isServerMessage(parseSignalingMessage({ type: 'hello', key, sig })!)).toBe(false)
    expect(isClientMessage(parseSignalingMessage({ type: 'challenge', nonce })!)).toBe(false)
    expect(isServerMessage(parseSignalingMessage({ type: 'challenge', nonce })!)).toBe(true)
  })
})
