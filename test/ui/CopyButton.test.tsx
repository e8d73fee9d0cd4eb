// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CopyButton } from '../../src/ui/index.ts'
import { expectNoAxeViolations } from './axe.ts'

function mockClipboard(writeText: (text: string) => Promise<void>) {
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
}

afterEach(() => {
  cleanup()
  Reflect.deleteProperty(navigator, 'clipboard')
  vi.restoreAllMocks()
})

describe('CopyButton', () => {
  it('Default: a labelled button with an empty polite live region, no axe violations', async () => {
    const { container } = render(<CopyButton text="abc">Copy code</CopyButton>)
    const button = screen.getByRole('button', { name: 'Copy code' })
    expect(button.getAttribute('type')).toBe('button')
    expect(button.dataset.state).toBe('idle')
    expect(screen.getByRole('status').textContent).toBe('')
    await expectNoAxeViolations(container)
  })

  it('copies with navigator.clipboard, announces "Copied", then resets', async () => {
    const writeText = vi.fn(async () => {})
    mockClipboard(writeText)
    const onCopied = vi.fn()
    const { container } = render(
      <CopyButton text="invite-code-42" resetAfter={600} onCopied={onCopied}>
        Copy code
      </CopyButton>,
    )
    fireEvent.click(screen.getByRole('button'))
    expect(writeText).toHaveBeenCalledWith('invite-code-42')
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Copied'))
    expect(screen.getByRole('button').dataset.state).toBe('copied')
    // The label changes; the other labels stay as unnamed, invisible sizers (no layout shift).
    expect(screen.getByRole('button', { name: 'Copied' }).querySelector('[data-part="label"]')!.textContent).toBe('Copied')
    expect([...screen.getByRole('button').querySelectorAll('[data-part="sizer"]')].map((e) => [e.textContent, e.getAttribute('aria-hidden')])).toEqual([
      ['Copy code', 'true'],
      ['Copy failed', 'true'],
    ])
    expect(onCopied).toHaveBeenCalledWith('invite-code-42')
    await expectNoAxeViolations(container)
    await waitFor(() => expect(screen.getByRole('button', { name: 'Copy code' }).dataset.state).toBe('idle'), { timeout: 3000 })
    expect(screen.getByRole('status').textContent).toBe('')
  })

  it('says so when the clipboard refuses', async () => {
    mockClipboard(async () => {
      throw new DOMException('denied', 'NotAllowedError')
    })
    const onCopyError = vi.fn()
    render(<CopyButton text="x" onCopyError={onCopyError} />)
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }))
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Copy failed'))
    expect(screen.getByRole('button').dataset.state).toBe('failed')
    expect(onCopyError).toHaveBeenCalled()
  })

  it('falls back to the copy command without navigator.clipboard', async () => {
    const exec = vi.fn(() => true)
    Object.defineProperty(document, 'execCommand', { value: exec, configurable: true })
    render(<CopyButton text="fallback" />)
    fireEvent.click(screen.getByRole('button'))
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Copied'))
    expect(exec).toHaveBeenCalledWith('copy')
    // The helper textarea is gone again.
    expect(document.querySelector('textarea')).toBeNull()
    Reflect.deleteProperty(document, 'execCommand')
  })

  it('an onClick that prevents default skips the copy', () => {
    const writeText = vi.fn(async () => {})
    mockClipboard(writeText)
    render(<CopyButton text="x" onClick={(e) => e.preventDefault()} />)
    fireEvent.click(screen.getByRole('button'))
    expect(writeText).not.toHaveBeenCalled()
  })
})
