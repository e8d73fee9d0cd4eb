// The receiving end of a HandshakeChannel: handshake messages arrive from the data channel
// whenever the remote sends them, while the session hook asks for them one at a time.

const HANDSHAKE_RECEIVE_TIMEOUT_MS = 10_000
// A handshake is a few messages; a remote that sends more before we ask is not owed memory.
const MAX_INBOX = 16

/**
 * Handshake messages that arrived, and handshakes waiting for one. Closing it rejects every
 * waiting `receive`, so a hook never hangs on a dead connection.
 *
 * @example
 * const inbox = new HandshakeInbox()
 * inbox.push(bytes)              // from the data channel
 * const next = await inbox.receive(5000) // from the hook
 */
export class HandshakeInbox {
  private readonly messages: Uint8Array[] = []
  private readonly waiters: Array<{
    resolve: (m: Uint8Array) => void
    reject: (e: Error) => void
    timer: ReturnType<typeof setTimeout>
  }> = []
  private closed = false

  /** Hands a message to the oldest waiting `receive`, else queues it (up to 16, then drops). */
  push(message: Uint8Array): void {
    if (this.closed) return
    const waiter = this.waiters.shift()
    if (waiter) {
      clearTimeout(waiter.timer)
      waiter.resolve(message)
    } else if (this.messages.length < MAX_INBOX) {
      this.messages.push(message)
    }
  }

  /** The next message; rejects once closed or after `timeoutMs` (default 10 s). */
  receive(timeoutMs: number = HANDSHAKE_RECEIVE_TIMEOUT_MS): Promise<Uint8Array> {
    const queued = this.messages.shift()
    if (queued) return Promise.resolve(queued)
    if (this.closed) return Promise.reject(new Error('connection closed'))
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1)
          reject(new Error('handshake timed out'))
        }, timeoutMs),
      }
      this.waiters.push(waiter)
    })
  }

  /** The connection is gone: drops queued messages and rejects every waiting `receive`. */
  close(): void {
    this.closed = true
    this.messages.length = 0
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer)
      w.reject(new Error('connection closed'))
    }
  }
}
