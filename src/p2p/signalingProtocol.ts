// Wire format shared by the signaling server (src/server) and SignalingClient.
// Both sides run every frame through the parsers here before touching it: the server talks to
// anyone on the internet, and the client must not trust a server it merely connects to.
// Parsed messages are rebuilt from known fields only, so unexpected keys never travel further.

/**
 * A peer id as the server accepts it: 1..128 chars of `[A-Za-z0-9_-]`.
 *
 * @example PEER_ID_PATTERN.test('device-3f9a') // true
 */
export const PEER_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/

/**
 * A signaling public key (Ed25519, 32 bytes) in base64url without padding: 43 chars. A peer's
 * id is this string: the server gives out an id only to a connection that signed its nonce with
 * the key, so nobody can take or receive for another's id.
 *
 * @example SIGNALING_KEY_PATTERN.test(peerIdForKey(keyPair.publicKey)) // true
 */
export const SIGNALING_KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/

const SIGNATURE_PATTERN = /^[A-Za-z0-9_-]{86}$/
const NONCE_PATTERN = /^[A-Za-z0-9_-]{43}$/

/**
 * The peer id that belongs to an Ed25519 public key: its base64url form (43 chars).
 *
 * @example const peerId = peerIdForKey(nacl.sign.keyPair().publicKey)
 */
export function peerIdForKey(publicKey: Uint8Array): string {
  if (publicKey.length !== 32) throw new RangeError('a signaling key has 32 bytes')
  let binary = ''
  for (const b of publicKey) binary += String.fromCharCode(b)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/**
 * The bytes a client signs in its `hello`: a fixed context and the server's nonce for this
 * connection, so a signature is good for one connection only.
 *
 * @example nacl.sign.detached(helloBytes(challenge.nonce), keyPair.secretKey)
 */
export function helloBytes(nonce: string): Uint8Array {
  return new TextEncoder().encode(`echo-kit/signaling-hello/1\n${nonce}`)
}

/**
 * A topic as the server accepts it: 16..128 chars of `[A-Za-z0-9_-]`. Topics are hashes of
 * secrets (never space ids), so the lower bound rejects anything guessable.
 *
 * @example TOPIC_PATTERN.test('k2Zl0cQ9w8x7y6z5a4b3') // true
 */
export const TOPIC_PATTERN = /^[A-Za-z0-9_-]{16,128}$/

/**
 * Default largest frame, in bytes of UTF-8 JSON, that the server accepts (64 KiB).
 *
 * @example if (frame.length > DEFAULT_MAX_MESSAGE_BYTES) console.warn('too large to signal')
 */
export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024

/**
 * Size of `text` in UTF-8 bytes, the unit of frame limits, without encoding it.
 *
 * @example utf8Length('héllo') // 6
 */
export function utf8Length(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4
      i++
    } else n += 3
  }
  return n
}

// SDP and ICE payloads are shallow; a cap keeps hostile nesting from costing stack depth
// in JSON.stringify when the server relays.
const MAX_DATA_DEPTH = 32
// The server never reports more than this many peers of one topic in one frame.
const MAX_PEERS_IN_FRAME = 10_000
const MAX_ERROR_TEXT = 1024

/**
 * Any JSON object (not an array, not null). Signal payloads are relayed verbatim.
 *
 * @example const data: SignalData = { kind: 'offer', sdp: '…' }
 */
export type SignalData = { [key: string]: unknown }

/**
 * Error codes the server sends. Clients switch on `code`, never on `message`.
 *
 * @example if (msg.type === 'error' && msg.code === 'RATE_LIMITED') slowDown()
 */
export type SignalingErrorCode =
  | 'BAD_FRAME'
  | 'TOO_LARGE'
  | 'RATE_LIMITED'
  | 'TOO_MANY_TOPICS'
  | 'NOT_IN_TOPIC'
  | 'UNKNOWN_PEER'
  | 'DUPLICATE_PEER'
  | 'UNKNOWN_TYPE'
  | 'BAD_HELLO'
  | 'TOO_MANY_CONNECTIONS'

/**
 * First frame a client sends, in answer to the server's `challenge`: its Ed25519 public key
 * (base64url, which is also its peer id) and its signature over {@link helloBytes}(nonce).
 *
 * @example { type: 'hello', key: peerIdForKey(pub), sig: base64url(nacl.sign.detached(helloBytes(nonce), secret)) }
 */
export type HelloMessage = { type: 'hello'; key: string; sig: string }
/** Join a topic; answered with `peers`. @example { type: 'join', topic: 'k2Zl0cQ9w8x7y6z5' } */
export type JoinMessage = { type: 'join'; topic: string }
/** Leave a topic. @example { type: 'leave', topic: 'k2Zl0cQ9w8x7y6z5' } */
export type LeaveMessage = { type: 'leave'; topic: string }
/**
 * Ask the server to relay `data` to peer `to` in `topic`.
 *
 * @example { type: 'signal', topic: 'k2Zl0cQ9w8x7y6z5', to: 'bob', data: { sdp: '…' } }
 */
export type SendSignalMessage = { type: 'signal'; topic: string; to: string; data: SignalData }
/** Application-level keepalive (browsers cannot see WebSocket pings). @example { type: 'ping' } */
export type PingMessage = { type: 'ping' }

/**
 * Every frame a client may send to the server.
 *
 * @example const msg: ClientMessage = { type: 'join', topic }
 */
export type ClientMessage = HelloMessage | JoinMessage | LeaveMessage | SendSignalMessage | PingMessage

/** First frame the server sends on a new connection: the nonce to sign. @example { type: 'challenge', nonce } */
export type ChallengeMessage = { type: 'challenge'; nonce: string }
/** Reply to a valid `hello`: the peer id (the key). @example { type: 'welcome', peerId } */
export type WelcomeMessage = { type: 'welcome'; peerId: string }
/** Reply to `join`: the other peers already in the topic. @example { type: 'peers', topic, peers: ['bob'] } */
export type PeersMessage = { type: 'peers'; topic: string; peers: string[] }
/** Someone joined a topic you are in. @example { type: 'peer-joined', topic, peerId: 'carol' } */
export type PeerJoinedMessage = { type: 'peer-joined'; topic: string; peerId: string }
/** Someone left (or disconnected from) a topic you are in. @example { type: 'peer-left', topic, peerId: 'carol' } */
export type PeerLeftMessage = { type: 'peer-left'; topic: string; peerId: string }
/** A relayed signal. @example { type: 'signal', topic, from: 'bob', data: { sdp: '…' } } */
export type RelayedSignalMessage = { type: 'signal'; topic: string; from: string; data: SignalData }
/** Reply to `ping`. @example { type: 'pong' } */
export type PongMessage = { type: 'pong' }
/**
 * Something the client sent was refused. `topic` is set when the refusal concerns one topic
 * (e.g. DUPLICATE_PEER), so the client knows which join to retry.
 *
 * @example { type: 'error', code: 'DUPLICATE_PEER', message: '…', topic }
 */
export type ErrorMessage = { type: 'error'; code: string; message: string; topic?: string }

/**
 * Every frame the server may send to a client.
 *
 * @example if (msg.type === 'peer-joined') connectTo(msg.peerId)
 */
export type ServerMessage =
  | ChallengeMessage
  | WelcomeMessage
  | PeersMessage
  | PeerJoinedMessage
  | PeerLeftMessage
  | RelayedSignalMessage
  | PongMessage
  | ErrorMessage

/**
 * Any valid signaling frame, in either direction.
 *
 * @example const msg: SignalingMessage | null = parseSignalingMessage(text)
 */
export type SignalingMessage = ClientMessage | ServerMessage

/**
 * Why a frame was rejected: `malformed` (not JSON, wrong shape, bad field) or `unknown`
 * (well-formed object with a `type` nobody defined). The server counts them separately.
 *
 * @example if (r.ok === false && r.reason === 'unknown') stats.unknown++
 */
export type SignalingParseFailure = 'malformed' | 'unknown'

/**
 * Result of {@link classifySignalingFrame}.
 *
 * @example const r = classifySignalingFrame(text); if (r.ok) handle(r.message)
 */
export type SignalingParseResult =
  | { ok: true; message: SignalingMessage }
  | { ok: false; reason: SignalingParseFailure }

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function isPeerId(v: unknown): v is string {
  return typeof v === 'string' && PEER_ID_PATTERN.test(v)
}

function isTopic(v: unknown): v is string {
  return typeof v === 'string' && TOPIC_PATTERN.test(v)
}

/**
 * True when `value` is a JSON object whose nesting stays within limits.
 *
 * @example isSignalData({ candidate: '…' }) // true; isSignalData([1]) // false
 */
export function isSignalData(value: unknown): value is SignalData {
  return isRecord(value) && depthWithin(value, MAX_DATA_DEPTH)
}

function depthWithin(value: unknown, budget: number): boolean {
  if (typeof value !== 'object' || value === null) return true
  if (budget <= 0) return false
  const children = Array.isArray(value) ? value : Object.values(value)
  for (const child of children) if (!depthWithin(child, budget - 1)) return false
  return true
}

function decode(raw: unknown): unknown {
  if (typeof raw === 'string') {
    try {
      return JSON.parse(raw)
    } catch {
      // Not JSON: undefined fails the shape check, so the frame is reported as malformed.
      return undefined
    }
  }
  // Node's ws hands over Buffers for binary frames; signaling is text-only, so bytes are
  // treated as malformed rather than guessed at.
  return raw
}

const KNOWN_TYPES = new Set([
  'hello', 'join', 'leave', 'signal', 'ping',
  'challenge', 'welcome', 'peers', 'peer-joined', 'peer-left', 'pong', 'error',
])

/**
 * Validates one frame (JSON text or an already-parsed value) and says why it failed.
 * A `signal` with `to` is the client→server form; with `from`, the server→client form.
 *
 * @example
 * const r = classifySignalingFrame('{"type":"ping"}') // { ok: true, message: { type: 'ping' } }
 * classifySignalingFrame('{"type":"nope"}')          // { ok: false, reason: 'unknown' }
 */
export function classifySignalingFrame(raw: unknown): SignalingParseResult {
  const v = decode(raw)
  if (!isRecord(v) || typeof v.type !== 'string') return { ok: false, reason: 'malformed' }
  if (!KNOWN_TYPES.has(v.type)) return { ok: false, reason: 'unknown' }
  const message = build(v)
  return message ? { ok: true, message } : { ok: false, reason: 'malformed' }
}

function build(v: Record<string, unknown>): SignalingMessage | null {
  switch (v.type) {
    case 'hello':
      return typeof v.key === 'string' && SIGNALING_KEY_PATTERN.test(v.key) && typeof v.sig === 'string' && SIGNATURE_PATTERN.test(v.sig)
        ? { type: 'hello', key: v.key, sig: v.sig }
        : null
    case 'challenge':
      return typeof v.nonce === 'string' && NONCE_PATTERN.test(v.nonce) ? { type: 'challenge', nonce: v.nonce } : null
    case 'welcome':
      return isPeerId(v.peerId) ? { type: 'welcome', peerId: v.peerId } : null
    case 'join':
      return isTopic(v.topic) ? { type: 'join', topic: v.topic } : null
    case 'leave':
      return isTopic(v.topic) ? { type: 'leave', topic: v.topic } : null
    case 'ping':
      return { type: 'ping' }
    case 'pong':
      return { type: 'pong' }
    case 'signal': {
      if (!isTopic(v.topic) || !isSignalData(v.data)) return null
      const hasTo = v.to !== undefined
      const hasFrom = v.from !== undefined
      // Exactly one direction marker, so a frame can never be read both ways.
      if (hasTo === hasFrom) return null
      if (hasTo) return isPeerId(v.to) ? { type: 'signal', topic: v.topic, to: v.to, data: v.data } : null
      return isPeerId(v.from) ? { type: 'signal', topic: v.topic, from: v.from, data: v.data } : null
    }
    case 'peers': {
      if (!isTopic(v.topic) || !Array.isArray(v.peers) || v.peers.length > MAX_PEERS_IN_FRAME) return null
      if (!v.peers.every(isPeerId)) return null
      return { type: 'peers', topic: v.topic, peers: [...v.peers] }
    }
    case 'peer-joined':
    case 'peer-left':
      return isTopic(v.topic) && isPeerId(v.peerId) ? { type: v.type, topic: v.topic, peerId: v.peerId } : null
    case 'error': {
      if (typeof v.code !== 'string' || v.code.length === 0 || v.code.length > 64) return null
      if (typeof v.message !== 'string' || v.message.length > MAX_ERROR_TEXT) return null
      if (v.topic !== undefined && !isTopic(v.topic)) return null
      const msg: ErrorMessage = { type: 'error', code: v.code, message: v.message }
      if (v.topic !== undefined) msg.topic = v.topic
      return msg
    }
    default:
      return null
  }
}

/**
 * Validates one frame; `null` when it is not valid JSON of a known, well-formed message.
 *
 * @example
 * const msg = parseSignalingMessage(event.data)
 * if (msg?.type === 'peers') console.log(msg.peers)
 */
export function parseSignalingMessage(raw: unknown): SignalingMessage | null {
  const r = classifySignalingFrame(raw)
  return r.ok ? r.message : null
}

/**
 * Narrows a parsed message to what a client may send (the server side uses this).
 *
 * @example const m = parseSignalingMessage(text); if (m && isClientMessage(m)) route(m)
 */
export function isClientMessage(m: SignalingMessage): m is ClientMessage {
  switch (m.type) {
    case 'hello':
    case 'join':
    case 'leave':
    case 'ping':
      return true
    case 'signal':
      return 'to' in m
    default:
      return false
  }
}

/**
 * Narrows a parsed message to what a server may send (the client side uses this).
 *
 * @example const m = parseSignalingMessage(text); if (m && isServerMessage(m)) dispatch(m)
 */
export function isServerMessage(m: SignalingMessage): m is ServerMessage {
  switch (m.type) {
    case 'challenge':
    case 'welcome':
    case 'peers':
    case 'peer-joined':
    case 'peer-left':
    case 'pong':
    case 'error':
      return true
    case 'signal':
      return 'from' in m
    default:
      return false
  }
}
