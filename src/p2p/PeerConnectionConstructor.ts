/**
 * A WebRTC `RTCPeerConnection` class (the browser's, node-datachannel's polyfill, or another).
 * Typed loosely so that apps compile without the DOM lib; it is used as the DOM's.
 */
export type PeerConnectionConstructor = abstract new (...args: never[]) => unknown
