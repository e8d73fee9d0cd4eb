// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { QrCode } from '../../src/ui/index.ts'
import { expectNoAxeViolations } from './axe.ts'

afterEach(cleanup)

describe('QrCode', () => {
  it('Default: an svg image with the given accessible name, no axe violations', async () => {
    const { container } = render(<QrCode value="https://example.test/#join=abc" label="QR code of the invitation link" />)
    const img = screen.getByRole('img', { name: 'QR code of the invitation link' })
    expect(img.tagName.toLowerCase()).toBe('svg')
    expect(img.getAttribute('width')).toBe('176')
    // Modules are drawn as path data; an empty code would have none.
    expect(img.querySelectorAll('path').length).toBeGreaterThan(0)
    expect(img.querySelector('path:last-of-type')!.getAttribute('d')!.length).toBeGreaterThan(100)
    await expectNoAxeViolations(container)
  })

  it('encodes the value: different values draw different modules', () => {
    const draw = (value: string) => {
      const { container, unmount } = render(<QrCode value={value} label="QR" />)
      const d = Array.from(container.querySelectorAll('path'), (p) => p.getAttribute('d')).join('|')
      unmount()
      return d
    }
    expect(draw('123456')).not.toBe(draw('654321'))
    expect(draw('123456')).toBe(draw('123456'))
  })

  it('honours size, level and className', () => {
    const { container: low } = render(<QrCode value={'x'.repeat(40)} label="QR" level="L" size={96} className="qr" />)
    const svgLow = low.querySelector('svg')!
    expect(svgLow.getAttribute('height')).toBe('96')
    expect(svgLow.getAttribute('class')).toBe('qr')
    const { container: high } = render(<QrCode value={'x'.repeat(40)} label="QR" level="H" size={96} />)
    // More error correction needs a larger symbol, hence a larger viewBox.
    const side = (svg: SVGSVGElement) => Number(svg.getAttribute('viewBox')!.split(' ')[2])
    expect(side(high.querySelector('svg')!)).toBeGreaterThan(side(svgLow))
  })
})
