// @vitest-environment jsdom
// The kit takes the app's design: no inline look, classes on every part, the app's own Button
// and Input inside composite parts, and `unstyled` to opt a part out of the stylesheet.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { Dialog, EchoUIProvider, InvitationDialog, JoinDialog, type KitButtonProps, type KitInputProps } from '../../src/ui/index.ts'
import { expectNoAxeViolations } from './axe.ts'
import { closePeers, link, MemorySignalingHub, peer, withClient } from './engine.tsx'

afterEach(async () => {
  cleanup()
  await closePeers()
})

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
}

function AppButton(props: KitButtonProps) {
  return <button {...props} data-app-button="" className={['btn', props.className].filter(Boolean).join(' ')} />
}
function AppInput(props: KitInputProps) {
  return <input {...props} data-app-input="" />
}

describe('theming', () => {
  it('no component of src/ui writes an inline style object', () => {
    const offenders = files('src/ui')
      .filter((f) => /\.tsx$/.test(f))
      .filter((f) => readFileSync(f, 'utf8').includes('style={{'))
    expect(offenders).toEqual([])
  })

  it('every dialog part carries data-part and data-state, takes className, and Close takes asChild', () => {
    render(
      <Dialog.Root defaultOpen>
        <Dialog.Trigger className="t">Open</Dialog.Trigger>
        <Dialog.Portal>
          <Dialog.Overlay className="o" />
          <Dialog.Content className="c">
            <Dialog.Title className="ti">Title</Dialog.Title>
            <Dialog.Description className="d">Words</Dialog.Description>
            <Dialog.Close asChild>
              <a href="#done" className="mine">
                Done
              </a>
            </Dialog.Close>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>,
    )
    const parts = Object.fromEntries([...document.querySelectorAll<HTMLElement>('[data-part]')].map((e) => [e.dataset.part, e]))
    expect(Object.keys(parts).sort()).toEqual(['close', 'content', 'description', 'overlay', 'title', 'trigger'])
    expect(parts.trigger!.className).toBe('t')
    expect(parts.overlay!.className).toBe('o')
    expect(parts.content!.className).toBe('c')
    expect(parts.title!.className).toBe('ti')
    expect(parts.description!.className).toBe('d')
    expect(parts.close!.tagName).toBe('A')
    expect(parts.close!.className).toBe('mine')
    for (const part of ['trigger', 'overlay', 'content', 'close']) expect(parts[part]!.dataset.state).toBe('open')
    fireEvent.click(parts.close!)
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.querySelector('[data-part="overlay"]')).toBeNull()
  })

  it("the app's Button and Input replace every button and input inside the invitation and join dialogs", async () => {
    const hub = new MemorySignalingHub()
    const ada = await peer(hub, 'ada', 'Ada')
    const bob = await peer(hub, 'bob', 'Bob')
    link(ada, bob)
    const space = await ada.createSpace({ name: 'Team' })
    render(
      withClient(
        ada,
        <EchoUIProvider components={{ Button: AppButton, Input: AppInput }}>
          <InvitationDialog space={space} defaultOpen classNames={{ content: 'panel', actions: 'row', qr: 'qr', trigger: 'cta' }} />
        </EchoUIProvider>,
      ),
    )
    const host = screen.getByRole('dialog', { name: 'Invite to Team' })
    await within(host).findByRole('button', { name: 'Copy link' })
    expect(host.className).toBe('panel')
    expect(host.querySelector('[data-part="actions"]')!.className).toBe('row')
    expect(host.querySelector('[data-part="qr"]')!.getAttribute('class')).toBe('qr')
    expect(screen.getByRole('button', { name: 'Invite' }).className).toBe('cta')
    const buttons = within(host).getAllByRole('button')
    expect(buttons.length).toBeGreaterThanOrEqual(4)
    expect(buttons.every((b) => b.hasAttribute('data-app-button') && b.classList.contains('btn'))).toBe(true)
    // The main action says so, for the app's Button to style.
    expect(within(host).getByRole('button', { name: 'Copy link' }).dataset.variant).toBe('primary')
    const inputs = host.querySelectorAll('input')
    expect(inputs.length).toBe(2)
    expect([...inputs].every((i) => i.hasAttribute('data-app-input'))).toBe(true)
    cleanup()

    render(withClient(bob, <JoinDialog defaultOpen components={{ Button: AppButton, Input: AppInput }} />))
    const guest = screen.getByRole('dialog', { name: 'Join a space' })
    expect(within(guest).getAllByRole('button').every((b) => b.hasAttribute('data-app-button'))).toBe(true)
    expect(within(guest).getByLabelText('Invitation code or link').hasAttribute('data-app-input')).toBe(true)
    await expectNoAxeViolations(document.body)
  })

  it('unstyled marks the part so the stylesheet leaves it and all inside it alone', async () => {
    const ada = await peer(new MemorySignalingHub(), 'ada', 'Ada')
    const space = await ada.createSpace({ name: 'Team' })
    render(withClient(ada, <InvitationDialog space={space} defaultOpen unstyled />))
    const dialog = screen.getByRole('dialog')
    expect(dialog.hasAttribute('data-unstyled')).toBe(true)
    const css = readFileSync('src/ui/styles.css', 'utf8')
    expect(css).toMatch(/:is\(\[data-unstyled\], \[data-unstyled\] \*\)[^{]*\{\s*all: revert-layer;/)
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Copy link' })).toBeTruthy())
  })
})
