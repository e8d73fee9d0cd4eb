import type { JoinDeviceMessages } from './EchoMessages.ts'

/**
 * The browser and system this page runs in, read from the user agent, to suggest a name for a
 * new device ("Chrome on Android") that the user can change. Undefined when either is unknown:
 * the field then starts empty.
 *
 * @example guessDevice('Mozilla/5.0 (X11; Linux x86_64) … Chrome/126.0 Safari/537.36') // { browser: 'Chrome', system: 'Linux' }
 */
export function guessDevice(userAgent: string | undefined = globalThis.navigator?.userAgent): { browser: string; system: string } | undefined {
  if (!userAgent) return undefined
  const system = first(userAgent, SYSTEMS)
  const browser = first(userAgent, BROWSERS)
  return system && browser ? { browser, system } : undefined
}

// Most specific first: an iPhone's agent also says "Mac OS X", Edge's also says "Chrome".
const SYSTEMS: [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone/, 'iPhone'],
  [/iPad/, 'iPad'],
  [/CrOS/, 'ChromeOS'],
  [/Macintosh|Mac OS X/, 'Mac'],
  [/Windows/, 'Windows'],
  [/Linux/, 'Linux'],
]
const BROWSERS: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\//, 'Opera'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\//, 'Chrome'],
  [/Safari\//, 'Safari'],
]

function first(text: string, table: [RegExp, string][]): string | undefined {
  return table.find(([pattern]) => pattern.test(text))?.[1]
}

/**
 * The suggested name of this device in the words of `m` ("Chrome on Android"), or '' when the
 * browser or system is unknown.
 *
 * @example useState(() => suggestDeviceName(messages.joinDevice))
 */
export function suggestDeviceName(m: Pick<JoinDeviceMessages, 'deviceNameGuess'>, userAgent?: string): string {
  const guess = guessDevice(userAgent)
  return guess ? m.deviceNameGuess(guess.browser, guess.system) : ''
}
