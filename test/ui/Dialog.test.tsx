// @vitest-environment jsdom
import { readFileSync } from 'node:fs'
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
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

  it('opens as a native modal <dialog> (the platform keeps focus in and makes the page inert)', () => {
    // jsdom has no showModal; a browser's is what makes the page inert and the dialog top-layer.
    const showModal = vi.fn(function (this: HTMLDialogElement) {
      this.setAttribute('open', '')
    })
    Object.defineProperty(HTMLDialogElement.prototype, 'showModal', { value: showModal, configurable: true })
    try {
      render(<Example defaultOpen />)
      expect(showModal).toHaveBeenCalledTimes(1)
      expect(dialog()!.tagName).toBe('DIALOG')
      expect(dialog()!.hasAttribute('open')).toBe(true)
    } finally {
      Reflect.deleteProperty(HTMLDialogElement.prototype, 'showModal')
    }
  })

  // The backdrop is the <dialog>'s ::backdrop: a click on the <dialog> element outside its box.
  // jsdom's boxes are empty at (0, 0), so (0, 0) is inside and (500, 500) is outside.
  const outside = { clientX: 500, clientY: 500 }
  const inside = { clientX: 0, clientY: 0 }

  it('closes on a backdrop click but not on a click inside', () => {
    render(<Example defaultOpen />)
    const panel = dialog()!
    fireEvent.mouseDown(panel, inside)
    fireEvent.click(panel, inside)
    expect(dialog()).not.toBeNull()
    fireEvent.mouseDown(screen.getByLabelText('Name'), inside)
    fireEvent.click(screen.getByLabelText('Name'), inside)
    expect(dialog()).not.toBeNull()
    fireEvent.mouseDown(panel, outside)
    fireEvent.click(panel, outside)
    expect(dialog()).toBeNull()
  })

  it('a press inside that ends on the backdrop does not close', () => {
    render(<Example defaultOpen />)
    const panel = dialog()!
    fireEvent.mouseDown(panel, inside)
    fireEvent.click(panel, outside)
    expect(dialog()).not.toBeNull()
  })

  it('closeOnOverlayClick={false} keeps it open', () => {
    render(<Example defaultOpen content={{ closeOnOverlayClick: false }} />)
    fireEvent.mouseDown(dialog()!, outside)
    fireEvent.click(dialog()!, outside)
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

  it('focuses the panel itself when nothing inside is focusable', () => {
    render(
      <Dialog.Root defaultOpen>
        <Dialog.Content aria-label="Notice">Nothing to press</Dialog.Content>
      </Dialog.Root>,
    )
    expect(document.activeElement).toBe(dialog())
  })

  it('locks page scroll in the stylesheet while a dialog is open (no inline style on the page)', () => {
    const css = readFileSync('src/ui/styles.css', 'utf8')
    expect(css).toMatch(/html:has\(dialog\[data-echo-dialog\]\[open\]\)\)\s*\{\s*overflow: hidden;/)
    render(<Example />)
    fireEvent.click(trigger())
    expect(document.body.getAttribute('style')).toBeNull()
  })

  it('stays with data-state="closed" while its exit animation runs, then closes', async () => {
    let finish!: () => void
    const finished = new Promise<void>((resolve) => (finish = resolve))
    const getAnimations = vi.fn(function (this: HTMLDialogElement) {
      return this.dataset.state === 'closed' ? [{ finished, effect: { getTiming: () => ({ iterations: 1 }) } }] : []
    })
    Object.defineProperty(HTMLDialogElement.prototype, 'getAnimations', { value: getAnimations, configurable: true })
    try {
      render(<Example defaultOpen />)
      escape()
      expect(dialog()!.dataset.state).toBe('closed')
      expect(trigger().getAttribute('aria-expanded')).toBe('false')
      finish()
      await waitFor(() => expect(dialog()).toBeNull())
    } finally {
      Reflect.deleteProperty(HTMLDialogElement.prototype, 'getAnimations')
    }
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
    expect(dialog()!.hasAttribute('open')).toBe(true)
    escape()
    expect(dialog()).toBeNull()
    expect(document.activeElement).toBe(trigger())
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
