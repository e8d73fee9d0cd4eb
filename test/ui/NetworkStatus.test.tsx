// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { NetworkStatus, StatusBadge } from '../../src/ui/index.ts'
import { expectNoAxeViolations } from './axe.ts'

afterEach(cleanup)

describe('NetworkStatus', () => {
  it.each([
    ['offline', undefined, 'Offline', 'neutral'],
    ['connecting', undefined, 'Connecting…', 'warning'],
    ['online', undefined, 'Online', 'success'],
    ['online', 1, 'Online · , 1 peer', 'success'],
    ['online', 3, 'Online · , 3 peers', 'success'],
  ] as const)('%s (peers %s) reads "%s"', async (status, peers, text, tone) => {
    const { container } = render(<NetworkStatus status={status} peers={peers} />)
    const region = screen.getByRole('status')
    expect(region.textContent).toBe(text)
    expect(region.dataset.state).toBe(status)
    expect(region.dataset.tone).toBe(tone)
    await expectNoAxeViolations(container)
  })

  it('hides the peer count while not online and the dot from screen readers', () => {
    render(<NetworkStatus status="connecting" peers={2} />)
    expect(screen.getByRole('status').textContent).toBe('Connecting…')
    expect(screen.getByRole('status').querySelector('[data-part="dot"]')!.getAttribute('aria-hidden')).toBe('true')
  })

  it('accepts a network snapshot spread in, and a custom label', () => {
    const snapshot = { status: 'online', signaling: 'open', peers: 2 } as const
    render(<NetworkStatus {...snapshot} formatLabel={(s, p) => `${s}:${p}`} />)
    expect(screen.getByRole('status').textContent).toBe('online:2')
    expect(screen.getByRole('status').hasAttribute('signaling')).toBe(false)
  })

  it('StatusBadge renders its tone and passes props through', async () => {
    const { container } = render(
      <StatusBadge tone="danger" className="b" title="Sync failed">
        Sync failed
      </StatusBadge>,
    )
    const badge = container.firstElementChild as HTMLElement
    expect(badge.dataset.tone).toBe('danger')
    expect(badge.className).toBe('b')
    expect(badge.textContent).toBe('Sync failed')
    await expectNoAxeViolations(container)
  })
})
