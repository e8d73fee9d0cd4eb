// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { StrictMode, useRef, useState, type ReactNode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Dialog, type DialogRootProps } from '../../src/ui/index.ts'
import { expectNoAxeViolations } from './axe.ts'

afterEach(cleanup)

function Example(props: Omit<DialogRootProps, 'children'> & { content?: Partial<Parameters<typeof Dialog.Content>[0]>; children?: ReactNode }) {
  const { content, children, ...root } = props
  return (
    <>
      <button>Before</button>
      <Dialog.Root {...root}>
        <Dialog.Trigger>Invite</Dialog.Trigger>
        <Dialog.Content {...content}>
          <Dialog.Title>Invite someone</Dialog.Title>
          <Dialog.Description>Share this code with them.</Dialog.Description>
          {children}
          <input aria-label="Name" />
          <Dialog.Close>Cancel</Dialog.Close>
        </Dialog.Content>
      </Dialog.Root>
    </>
  )
}

const trigger = () => screen.getByRole('button', { name: 'Invite' })
const dialog = () => screen.queryByRole('dialog')
const escape = () => fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' })

describe('Dialog states are accessible', () => {
  it('Closed: only the trigger, collapsed', async () => {
    const { container } = render(<Example />)
    expect(dialog()).toBeNull()
    expect(trigger().getAttribute('aria-expanded')).toBe('false')
    expect(trigger().getAttribute('aria-haspopup')).toBe('dialog')
    await expectNoAxeViolations(container)
  })

  it('Open: a named, described modal dialog', async () => {
    render(<Example defaultOpen />)
    const d = screen.getByRole('dialog', { name: 'Invite someone', description: 'Share this code with them.' })
    expect(d.getAttribute('aria-modal')).toBe('true')
    expect(trigger().getAttribute('aria-expanded')).toBe('true')
    expect(trigger().getAttribute('aria-controls')).toBe(d.id)
    await expectNoAxeViolations(document.body)
  })
})

describe('Dialog (uncontrolled)', () => {
  it('opens from the trigger, moves focus inside, and Escape closes and refocuses the trigger', () => {
    const onOpenChange = vi.fn()
    render(<Example onOpenChange={onOpenChange} />)
    trigger().focus()
    fireEvent.click(trigger())
    expect(dialog()).not.toBeNull()
    expect(onOpenChange).toHaveBeenLastCalledWith(true)
    // First tabbable inside: the Name input.
    expect(document.activeElement).toBe(screen.getByLabelText('Name'))
    escape()
    expect(dialog()).toBeNull()
    expect(onOpenChange).toHaveBeenLastCalledWith(false)
    expect(document.activeElement).toBe(trigger())
  })

  it('Close closes and refocuses the trigger', () => {
    render(<Example />)
    trigger().focus()
    fireEvent.click(trigger())
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(dialog()).toBeNull()
    expect(document.activeElement).toBe(trigger())
  })

  it('traps Tab and Shift+Tab inside', () => {
    render(<Example defaultOpen />)
    const name = screen.getByLabelText('Name')
    const cancel = screen.getByRole('button', { name: 'Cancel' })
    cancel.focus()
    expect(fireEvent.keyDown(cancel, { key: 'Tab' })).toBe(false)
    expect(document.activeElement).toBe(name)
    expect(fireEvent.keyDown(name, { key: 'Tab', shiftKey: true })).toBe(false)
    expect(document.activeElement).toBe(cancel)
    // In the middle, Tab is left to the browser.
    name.focus()
    expect(fireEvent.keyDown(name, { key: 'Tab' })).toBe(true)
  })

  it('pulls focus back when something outside takes it', () => {
    render(<Example defaultOpen />)
    screen.getByRole('button', { name: 'Before', hidden: true }).focus()
    expect(dialog()!.contains(document.activeElement)).toBe(true)
  })

  it('closes on a backdrop click but not on a click inside', () => {
    render(<Example defaultOpen />)
    const panel = dialog()!
    fireEvent.mouseDown(panel)
    fireEvent.click(panel)
    expect(dialog()).not.toBeNull()
    const overlay = panel.parentElement!
    fireEvent.mouseDown(overlay)
    fireEvent.click(overlay)
    expect(dialog()).toBeNull()
  })

  it('a press inside that ends on the backdrop does not close', () => {
    render(<Example defaultOpen />)
    const panel = dialog()!
    fireEvent.mouseDown(panel)
    fireEvent.click(panel.parentElement!)
    expect(dialog()).not.toBeNull()
  })

  it('closeOnOverlayClick={false} keeps it open', () => {
    render(<Example defaultOpen content={{ closeOnOverlayClick: false }} />)
    const overlay = dialog()!.parentElement!
    fireEvent.mouseDown(overlay)
    fireEvent.click(overlay)
    expect(dialog()).not.toBeNull()
  })

  it('onEscapeKeyDown can keep it open', () => {
    render(<Example defaultOpen content={{ onEscapeKeyDown: (e) => e.preventDefault() }} />)
    escape()
    expect(dialog()).not.toBeNull()
  })

  it('focuses initialFocus, or an autoFocus element, first', () => {
    function WithInitial() {
      const ref = useRef<HTMLButtonElement>(null)
      return (
        <Example defaultOpen content={{ initialFocus: ref }}>
          <button ref={ref}>Target</button>
        </Example>
      )
    }
    render(<WithInitial />)
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Target' }))
    cleanup()
    render(
      <Example defaultOpen>
        <button>First</button>
        <button autoFocus>Auto</button>
      </Example>,
    )
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Auto' }))
  })

  it('focuses the panel itself when nothing inside is focusable, and keeps Tab there', () => {
    render(
      <Dialog.Root defaultOpen>
        <Dialog.Content aria-label="Notice">Nothing to press</Dialog.Content>
      </Dialog.Root>,
    )
    expect(document.activeElement).toBe(dialog())
    expect(fireEvent.keyDown(dialog()!, { key: 'Tab' })).toBe(false)
    expect(document.activeElement).toBe(dialog())
  })

  it('locks page scroll while open and restores it after', () => {
    document.body.style.overflow = 'scroll'
    render(<Example />)
    fireEvent.click(trigger())
    expect(document.body.style.overflow).toBe('hidden')
    escape()
    expect(document.body.style.overflow).toBe('scroll')
    document.body.style.overflow = ''
  })

  it('portals into document.body by default and renders inline with portal={false}', () => {
    const { container, unmount } = render(<Example defaultOpen />)
    expect(container.contains(dialog())).toBe(false)
    expect(document.body.contains(dialog())).toBe(true)
    unmount()
    const inline = render(<Example defaultOpen content={{ portal: false }} />)
    expect(inline.container.contains(dialog())).toBe(true)
  })

  it('works under StrictMode (effects run twice)', () => {
    render(
      <StrictMode>
        <Example />
      </StrictMode>,
    )
    trigger().focus()
    fireEvent.click(trigger())
    expect(document.activeElement).toBe(screen.getByLabelText('Name'))
    expect(document.body.style.overflow).toBe('hidden')
    escape()
    expect(dialog()).toBeNull()
    expect(document.activeElement).toBe(trigger())
    expect(document.body.style.overflow).toBe('')
  })

  it('only the innermost of nested dialogs closes on Escape', () => {
    render(
      <Dialog.Root defaultOpen>
        <Dialog.Content>
          <Dialog.Title>Outer</Dialog.Title>
          <Dialog.Root>
            <Dialog.Trigger>More</Dialog.Trigger>
            <Dialog.Content>
              <Dialog.Title>Inner</Dialog.Title>
              <Dialog.Close />
            </Dialog.Content>
          </Dialog.Root>
        </Dialog.Content>
      </Dialog.Root>,
    )
    const more = screen.getByRole('button', { name: 'More' })
    more.focus()
    fireEvent.click(more)
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close' }))
    escape()
    expect(screen.queryByRole('dialog', { name: 'Inner' })).toBeNull()
    expect(screen.getByRole('dialog', { name: 'Outer' })).toBeTruthy()
    expect(document.activeElement).toBe(more)
    escape()
    expect(dialog()).toBeNull()
  })

  it('Trigger asChild puts the behaviour on the child element', () => {
    const onClick = vi.fn()
    render(
      <Dialog.Root>
        <Dialog.Trigger asChild>
          <a href="#invite" onClick={onClick}>
            Open it
          </a>
        </Dialog.Trigger>
        <Dialog.Content aria-label="Invite" />
      </Dialog.Root>,
    )
    const link = screen.getByRole('link', { name: 'Open it' })
    expect(link.getAttribute('aria-haspopup')).toBe('dialog')
    fireEvent.click(link)
    expect(onClick).toHaveBeenCalled()
    expect(dialog()).not.toBeNull()
  })

  it('a part outside Dialog.Root says how to fix it', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => render(<Dialog.Title>Oops</Dialog.Title>)).toThrow('<Dialog.Title> must be rendered inside <Dialog.Root>')
    vi.restoreAllMocks()
  })
})

describe('Dialog (controlled)', () => {
  it('asks onOpenChange and follows the open prop only', () => {
    const onOpenChange = vi.fn()
    const { rerender } = render(<Example open={false} onOpenChange={onOpenChange} />)
    fireEvent.click(trigger())
    expect(onOpenChange).toHaveBeenLastCalledWith(true)
    expect(dialog()).toBeNull()
    rerender(<Example open onOpenChange={onOpenChange} />)
    expect(dialog()).not.toBeNull()
    escape()
    expect(onOpenChange).toHaveBeenLastCalledWith(false)
    expect(dialog()).not.toBeNull()
    rerender(<Example open={false} onOpenChange={onOpenChange} />)
    expect(dialog()).toBeNull()
  })

  it('opens and closes with state wired through onOpenChange, restoring focus', () => {
    function Controlled() {
      const [open, setOpen] = useState(false)
      return (
        <>
          <span data-testid="state">{String(open)}</span>
          <Example open={open} onOpenChange={setOpen} />
        </>
      )
    }
    render(<Controlled />)
    trigger().focus()
    fireEvent.click(trigger())
    expect(screen.getByTestId('state').textContent).toBe('true')
    expect(document.activeElement).toBe(screen.getByLabelText('Name'))
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(screen.getByTestId('state').textContent).toBe('false')
    expect(dialog()).toBeNull()
    expect(document.activeElement).toBe(trigger())
  })

  it('opened without a trigger, focus returns to what had it', () => {
    function Programmatic() {
      const [open, setOpen] = useState(false)
      return (
        <>
          <button onClick={() => setOpen(true)}>Open programmatically</button>
          <Dialog.Root open={open} onOpenChange={setOpen}>
            <Dialog.Content>
              <Dialog.Title>Hi</Dialog.Title>
              <Dialog.Close />
            </Dialog.Content>
          </Dialog.Root>
        </>
      )
    }
    render(<Programmatic />)
    const opener = screen.getByRole('button', { name: 'Open programmatically' })
    opener.focus()
    fireEvent.click(opener)
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close' }))
    escape()
    expect(document.activeElement).toBe(opener)
  })
})
