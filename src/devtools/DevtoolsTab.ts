/**
 * The panel's tabs.
 *
 * @example <EchoDevtools initialIsOpen initialTab="objects" />
 */
export type DevtoolsTab = 'spaces' | 'objects' | 'queries' | 'peers' | 'network' | 'problems'

/** Tabs in order, with their labels. */
export const TABS: readonly { id: DevtoolsTab; label: string }[] = [
  { id: 'spaces', label: 'Spaces' },
  { id: 'objects', label: 'Objects' },
  { id: 'queries', label: 'Queries' },
  { id: 'peers', label: 'Peers' },
  { id: 'network', label: 'Network' },
  { id: 'problems', label: 'Problems' },
]
