// One RTCPeerConnection with one data channel to one remote peer, for exactly one
// negotiation: reconnecting means a new PeerConnection (node-datachannel cannot renegotiate
// or restart ICE, and a fresh connection is simpler to reason about anyway).
//
// Negotiation follows the "perfect negotiation" pattern, so it does not matter who offers:
// both sides may offer at once, the impolite side ignores the colliding offer and the polite
// side rolls its own back and answers. Signals are handled one at a time, in arrival order.
//
// The data channel is pre-negotiated (id 0 on both sides) so a glare never leaves two
// channels behind, and no `datachannel` event is needed.
//
// On the wire every message is [kind u8][body]; FrameKind.ts describes the kinds.
import { DEFAULT_FRAME_BYTES, Reassembler, frames } from './chunking.ts'
import { closeAfterDrain, closeNow } from './closeAfterDrain.ts'
import type { FrameCipher } from './FrameCipher.ts'
import { WIRE_KIND, type FrameKind } from './FrameKind.ts'
import type { PeerConnectionOptions } from './PeerConnectionOptions.ts'
import type { PeerConnectionStats } from './PeerConnectionStats.ts'
import { newConnId, type PeerSignal } from './PeerSignal.ts'

export type { PeerConnectionOptions } from './PeerConnectionOptions.ts'

const { handshake: KIND_HANDSHAKE, data: KIND_DATA, ready: KIND_READY, refused: KIND_REFUSED } = WIRE_KIND
// Keep the SCTP send buffer between these marks: enough in flight to fill a LAN link, little
// enough that a multi-megabyte sync message does not balloon memory (Chrome even closes a
// channel whose buffer passes 16 MiB).
const HIGH_WATER = 1024 * 1024
const LOW_WATER = 256 * 1024
// Fallback in case a `bufferedamountlow` event is missed (the threshold is crossed while no
// one is waiting); cheap, and it only runs while the queue is stalled.
const DRAIN_POLL_MS = 50
// ICE may recover from `disconnected`; give it a moment before calling the link dead.
const DISCONNECTED_GRACE_MS = 5000
const MAX_QUEUED_CANDIDATES = 64
const HANDSHAKE_MAX_BYTES = 64 * 1024

type Outgoing = { kind: typeof KIND_HANDSHAKE | typeof KIND_DATA; frames: Iterator<Uint8Array> }
type RTCCandidate = NonNullable<PeerSignal['cand']>

/**
 * One WebRTC connection + data channel to one remote peer, with perfect negotiation, framing,
 * backpressure and an optional per-frame cipher. Used by WebRTCNetworkAdapter (through
 * RemotePeers); usable alone.
 *
 * @example
 * const pc = new PeerConnection({
 *   RTCPeerConnection, configuration: { iceServers: [] }, polite: myId < theirId,
 *   maxMessageBytes: 64 << 20,
 *   sendSignal: (s) => signaling.send(topic, theirId, s),
 *   onOpen: () => pc.send('handshake', hello),
 *   onReady: () => console.log('session up'),
 *   onMessage: (kind, bytes) => handle(kind, bytes),
 *   onClose: (why) => console.log('lost', why),
 * })
 * pc.offer() // or just feed the remote's offer to pc.signal(...)
 */
export class PeerConnection {
  /** Id of this instance, sent with every signal. */
  readonly localConn: string = newConnId()
  /**
   * Id (`conn`) of the remote PeerConnection instance this one negotiates with. PeerConnection
   * never sets it: the owner does, from the first description it feeds to {@link signal},
   * and compares later signals against it to tell a restarted remote from stale messages.
   */
  remoteConn: string | undefined

  private readonly opts: PeerConnectionOptions
  private readonly counts: PeerConnectionStats = { droppedFrames: 0, droppedMessages: 0, decryptFailures: 0, signalErrors: 0 }
  private readonly pc: RTCPeerConnection
  private channel: RTCDataChannel | null = null
  private stateValue: 'connecting' | 'open' | 'closed' = 'connecting'
  private cipher: FrameCipher | null = null
  private remoteReady = false
  private chain: Promise<void> = Promise.resolve()
  private ignoreOffer = false
  private remoteDescriptionSet = false
  private descriptionSent = false
  private readonly localCandidates: RTCCandidate[] = []
  private readonly remoteCandidates: RTCCandidate[] = []
  private readonly handshakeIn: Reassembler
  private readonly dataIn: Reassembler
  private readonly queue: Outgoing[] = []
  private messageId = 0
  private pumping = false
  private drainTimer: ReturnType<typeof setTimeout> | null = null
  private disconnectedTimer: ReturnType<typeof setTimeout> | null = null

  constructor(options: PeerConnectionOptions) {
    this.opts = options
    this.handshakeIn = new Reassembler({ maxMessageBytes: HANDSHAKE_MAX_BYTES })
    this.dataIn = new Reassembler({ maxMessageBytes: options.maxMessageBytes })
    this.pc = new options.RTCPeerConnection(options.configuration)
    this.pc.onicecandidate = (e) => {
      if (!e.candidate || !e.candidate.candidate) return
      const cand = { candidate: e.candidate.candidate, sdpMid: e.candidate.sdpMid, sdpMLineIndex: e.candidate.sdpMLineIndex }
      this.localCandidates.push(cand)
      this.flushLocalCandidates()
    }
    this.pc.onconnectionstatechange = () => this.onConnectionState()
  }

  /** `connecting` until the data channel opens, then `open`; `closed` is final. @example pc.state */
  get state(): 'connecting' | 'open' | 'closed' {
    return this.stateValue
  }

  /** What was dropped so far (reassembly included). @example pc.stats.decryptFailures */
  get stats(): PeerConnectionStats {
    const h = this.handshakeIn.stats
    const d = this.dataIn.stats
    return {
      ...this.counts,
      droppedFrames: this.counts.droppedFrames + h.droppedFrames + d.droppedFrames,
      droppedMessages: this.counts.droppedMessages + h.droppedMessages + d.droppedMessages,
    }
  }

  /**
   * Starts negotiation from this side. Safe even if the other side offers at the same time.
   *
   * @example pc.offer()
   */
  offer(): void {
    this.enqueue(async () => {
      this.ensureChannel()
      const offer = await this.pc.createOffer()
      if (this.stateValue === 'closed') return
      await this.pc.setLocalDescription(offer)
      this.sendDescription({ type: 'offer', sdp: offer.sdp ?? '' })
    })
  }

  /**
   * Feeds one signal from the remote. Signals are processed one at a time, in order; errors
   * are counted (and close the connection when negotiation cannot go on), never thrown.
   *
   * @example signaling.on('signal', ({ data }) => { const s = parseSignal(data); if (s) pc.signal(s) })
   */
  signal(signal: PeerSignal): void {
    this.enqueue(() => this.handleSignal(signal))
  }

  /**
   * Queues one message (any size: it is chunked). `data` messages wait until both sides
   * have called {@link setCipher}; sending never throws, and is dropped once closed.
   * `message` is read lazily, frame by frame: do not modify it afterwards.
   *
   * @example pc.send('data', encode(message))
   */
  send(kind: FrameKind, message: Uint8Array): void {
    if (this.stateValue === 'closed') return
    this.messageId = (this.messageId + 1) >>> 0
    const room = (this.opts.frameBytes ?? DEFAULT_FRAME_BYTES) - 1 // the kind byte
    this.queue.push({ kind: kind === 'data' ? KIND_DATA : KIND_HANDSHAKE, frames: frames(this.messageId, message, room) })
    this.pump()
  }

  /**
   * Ends the handshake on this side: from now on data frames are wrapped/unwrapped with
   * `cipher`, and the remote is told so. `onReady` follows once the remote has said the same.
   *
   * @example pc.setCipher({ encrypt: (b) => b, decrypt: (b) => b })
   */
  setCipher(cipher: FrameCipher): void {
    if (this.cipher || this.stateValue !== 'open') return
    this.cipher = cipher
    try {
      // Straight to the channel, not through the queue: queued data waits for the remote's
      // marker, and ours must not wait behind it.
      this.channel!.send(new Uint8Array([KIND_READY]))
    } catch {
      // The channel broke under us: report the connection lost (onClose), the owner redials.
      return this.fail('send failed')
    }
    if (this.remoteReady) this.becomeReady()
  }

  private becomeReady(): void {
    this.opts.onReady()
    this.pump()
  }

  /**
   * Closes the connection. Idempotent; does not call `onClose`. `drain` first lets the
   * channel's buffer go out (up to 1 s): node-datachannel drops it on close, which would
   * lose e.g. the last sync message or handshake reply. `refuse` also tells the remote not to
   * call again (and drains).
   *
   * @example pc.close({ drain: true })
   */
  close(options: { drain?: boolean; refuse?: boolean } = {}): void {
    if (this.stateValue === 'closed') return
    const wasOpen = this.stateValue === 'open'
    this.stateValue = 'closed'
    if (this.drainTimer) clearTimeout(this.drainTimer)
    if (this.disconnectedTimer) clearTimeout(this.disconnectedTimer)
    this.drainTimer = this.disconnectedTimer = null
    this.queue.length = 0
    this.handshakeIn.reset()
    this.dataIn.reset()
    const ch = this.channel
    // pc.close() closes the channel too. Closing the channel ourselves as well is not only
    // redundant: in node-datachannel, doing it after the remote closed can leave a native
    // handle behind that keeps the process from exiting.
    if (ch) ch.onopen = ch.onclose = ch.onmessage = ch.onbufferedamountlow = ch.onerror = null
    this.pc.onicecandidate = null
    this.pc.onconnectionstatechange = null
    if (!ch || !wasOpen || !(options.drain || options.refuse)) return closeNow(this.pc)
    closeAfterDrain(this.pc, ch, options.refuse ? new Uint8Array([KIND_REFUSED]) : undefined)
  }

  private fail(reason: string, refused = false): void {
    if (this.stateValue === 'closed') return
    this.close()
    this.opts.onClose(reason, refused)
  }

  private enqueue(step: () => Promise<void>): void {
    this.chain = this.chain.then(async () => {
      if (this.stateValue === 'closed') return
      try {
        await step()
      } catch {
        this.counts.signalErrors++
        // A description that cannot be applied leaves this connection unusable; a fresh one
        // (the owner's reconnect) is the way out. Candidate errors are handled in place.
        this.fail('negotiation failed')
      }
    })
  }

  private async handleSignal(s: PeerSignal): Promise<void> {
    if (s.desc) {
      const collision = s.desc.type === 'offer' && this.pc.signalingState !== 'stable'
      this.ignoreOffer = !this.opts.polite && collision
      if (this.ignoreOffer) return
      // Only an answer to our own pending offer makes sense; a late duplicate would throw.
      if (s.desc.type === 'answer' && this.pc.signalingState !== 'have-local-offer') return
      // Explicit rollback for browsers that lack the implicit one; node-datachannel ignores
      // it and rolls back inside setRemoteDescription.
      if (collision) {
        await this.pc.setLocalDescription({ type: 'rollback' })
        // Our offer is void: hold candidates until the answer has gone out.
        this.descriptionSent = false
      }
      await this.pc.setRemoteDescription(s.desc)
      this.remoteDescriptionSet = true
      this.flushLocalCandidates()
      for (const cand of this.remoteCandidates.splice(0)) await this.addCandidate(cand)
      if (s.desc.type === 'offer') {
        // Before the answer leaves: once the remote has it, it may start talking on id 0.
        this.ensureChannel()
        const answer = await this.pc.createAnswer()
        if (this.stateValue === 'closed') return
        await this.pc.setLocalDescription(answer)
        this.sendDescription({ type: 'answer', sdp: answer.sdp ?? '' })
      }
    } else if (s.cand) {
      if (this.remoteDescriptionSet) await this.addCandidate(s.cand)
      else if (this.remoteCandidates.length < MAX_QUEUED_CANDIDATES) this.remoteCandidates.push(s.cand)
    }
  }

  private async addCandidate(cand: RTCCandidate): Promise<void> {
    try {
      await this.pc.addIceCandidate(cand)
    } catch {
      // Candidates of an offer we ignored, or of a rolled-back one, are expected to fail.
      if (!this.ignoreOffer) this.counts.signalErrors++
    }
  }

  private sendDescription(desc: { type: 'offer' | 'answer'; sdp: string }): void {
    if (this.stateValue === 'closed') return
    this.opts.sendSignal({ conn: this.localConn, desc })
    this.descriptionSent = true
    this.flushLocalCandidates()
  }

  // Our candidates go out only once we have sent our description and applied theirs:
  // - before our description, the receiver could not use them yet;
  // - an offerer that sends them before it has the answer lets the answerer start ICE checks
  //   that arrive before the offerer can answer them; libjuice then waits for a retransmit,
  //   and about one connection in four took a second longer (measured: 9/30 vs 0/60).
  private flushLocalCandidates(): void {
    if (!this.descriptionSent || !this.remoteDescriptionSet || this.stateValue === 'closed') return
    for (const cand of this.localCandidates.splice(0)) this.opts.sendSignal({ conn: this.localConn, cand })
  }

  private ensureChannel(): void {
    if (this.channel) return
    const ch = this.pc.createDataChannel('echo-kit', { negotiated: true, id: 0, ordered: true })
    this.channel = ch
    ch.binaryType = 'arraybuffer'
    ch.bufferedAmountLowThreshold = LOW_WATER
    ch.onopen = () => this.onChannelOpen()
    ch.onclose = () => this.fail('data channel closed')
    ch.onmessage = (e: MessageEvent) => this.receive(e.data)
    ch.onbufferedamountlow = () => this.pump()
    // Some implementations hand over a channel that is already open.
    if (ch.readyState === 'open') queueMicrotask(() => this.onChannelOpen())
  }

  private onChannelOpen(): void {
    if (this.stateValue !== 'connecting') return
    this.stateValue = 'open'
    this.opts.onOpen()
    this.pump()
  }

  private onConnectionState(): void {
    const state = this.pc.connectionState
    if (state === 'failed' || state === 'closed') return this.fail(`connection ${state}`)
    if (state === 'disconnected') {
      if (!this.disconnectedTimer) {
        this.disconnectedTimer = setTimeout(() => this.fail('connection disconnected'), DISCONNECTED_GRACE_MS)
      }
    } else if (this.disconnectedTimer) {
      clearTimeout(this.disconnectedTimer)
      this.disconnectedTimer = null
    }
  }

  private receive(data: unknown): void {
    if (this.stateValue === 'closed') return
    if (!(data instanceof ArrayBuffer) || data.byteLength < 1) {
      this.counts.droppedFrames++
      return
    }
    const bytes = new Uint8Array(data)
    const body = bytes.subarray(1)
    if (bytes[0] === KIND_HANDSHAKE && !this.cipher) {
      const message = this.handshakeIn.push(body)
      if (message) this.deliver('handshake', message)
    } else if (bytes[0] === KIND_DATA && this.cipher) {
      this.receiveData(body)
    } else if (bytes[0] === KIND_READY && bytes.length === 1 && !this.remoteReady) {
      this.remoteReady = true
      if (this.cipher) this.becomeReady()
    } else if (bytes[0] === KIND_REFUSED && bytes.length === 1) {
      this.fail('refused by the remote', true)
    } else {
      // Unknown kinds, handshake frames once the session runs, data before it (a peer that
      // ignored our missing ready marker), repeated markers.
      this.counts.droppedFrames++
    }
  }

  private receiveData(body: Uint8Array): void {
    let plain: Uint8Array | null = null
    try {
      plain = this.cipher!.decrypt(body)
    } catch {
      // A cipher that throws refuses the frame just as one returning null: counted below.
      plain = null
    }
    if (!plain) {
      // A frame that fails authentication means a broken or hostile session: stop trusting it.
      this.counts.decryptFailures++
      this.fail('decryption failed')
      return
    }
    const message = this.dataIn.push(plain)
    if (message) this.deliver('data', message)
  }

  private deliver(kind: FrameKind, message: Uint8Array): void {
    try {
      this.opts.onMessage(kind, message)
    } catch {
      // The owner's handler must not be able to break the receive loop: counted as dropped.
      this.counts.droppedMessages++
    }
  }

  private pump(): void {
    if (this.pumping || this.stateValue !== 'open') return
    const ch = this.channel!
    this.pumping = true
    try {
      while (this.queue.length > 0 && this.stateValue === 'open') {
        const head = this.queue[0]!
        if (head.kind === KIND_DATA && !(this.cipher && this.remoteReady)) return
        if (ch.bufferedAmount > HIGH_WATER) return this.waitForDrain()
        const next = head.frames.next()
        if (next.done) {
          this.queue.shift()
          continue
        }
        const body = head.kind === KIND_DATA ? this.cipher!.encrypt(next.value) : next.value
        const wire = new Uint8Array(body.byteLength + 1)
        wire[0] = head.kind
        wire.set(body, 1)
        ch.send(wire)
      }
    } catch {
      // The channel refuses sends once it is closing (or the cipher threw): this connection
      // cannot send any more, and onClose tells the owner so.
      this.fail('send failed')
    } finally {
      this.pumping = false
    }
  }

  private waitForDrain(): void {
    if (this.drainTimer) return
    this.drainTimer = setTimeout(() => {
      this.drainTimer = null
      this.pump()
    }, DRAIN_POLL_MS)
  }
}
