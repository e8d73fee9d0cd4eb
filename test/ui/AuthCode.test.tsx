// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { AuthCode, groupDigits } from '../../src/ui/index.ts'
import { expectNoAxeViolations } from './axe.ts'

afterEach(cleanup)

describe('AuthCode', () => {
  it('Digits: shows the code grouped 3+3 and reads it digit by digit', async () => {
    const { container } = render(<AuthCode code="123456" />)
    const digits = screen.getByRole('img', { name: 'Authorization code 1 2 3 4 5 6' })
    expect(Array.from(digits.children, (g) => g.textContent)).toEqual(['123', '456'])
    expect(digits.textContent).toBe('123456')
    expect(container.querySelector('svg')).toBeNull()
    await expectNoAxeViolations(container)
  })

  it('WithQr: adds a labelled QR code of the code', async () => {
    const { container } = render(<AuthCode code="987654" showQr />)
    expect(screen.getByRole('img', { name: 'Authorization code 9 8 7 6 5 4' })).toBeTruthy()
    const qr = screen.getByRole('img', { name: 'QR code of the authorization code' })
    expect(qr.tagName.toLowerCase()).toBe('svg')
    await expectNoAxeViolations(container)
  })

  it('takes a label, a group size and a QR value of its own', () => {
    const { container } = render(<AuthCode code="1234" label="Code" groupSize={2} showQr qrValue="https://x.test/#auth=1234" />)
    expect(screen.getByRole('img', { name: 'Code 1 2 3 4' }).textContent).toBe('1234')
    expect(container.querySelectorAll('[data-part="group"]')).toHaveLength(2)
    expect(screen.getByRole('img', { name: 'QR code of the code' })).toBeTruthy()
  })

  it('groupDigits splits from the left and handles no grouping', () => {
    expect(groupDigits('123456', 3)).toEqual(['123', '456'])
    expect(groupDigits('1234567', 3)).toEqual(['123', '456', '7'])
    expect(groupDigits('123456', 0)).toEqual(['123456'])
  })
})
