// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { PinInput } from '../../src/ui/index.ts'
import { expectNoAxeViolations } from './axe.ts'

afterEach(cleanup)

// One real input; the cells are a picture of its value.
const input = () => screen.getByRole('textbox') as HTMLInputElement
const cells = () => [...document.querySelectorAll<HTMLElement>('[data-part="cell"]')]
const shown = () => cells().map((c) => c.textContent || '_').join('')
const typeIn = (value: string) => fireEvent.change(input(), { target: { value } })
const paste = (text: string) => fireEvent.paste(input(), { clipboardData: { getData: () => text } })

describe('PinInput states are accessible', () => {
  it.each([
    ['Empty', {}],
    ['Partial', { defaultValue: '123' }],
    ['Complete', { defaultValue: '123456' }],
    ['Invalid', { defaultValue: '123456', invalid: true }],
    ['Disabled', { defaultValue: '12', disabled: true }],
  ])('%s has no axe violations', async (_name, props) => {
    const { container } = render(<PinInput label="Authorization code" {...props} />)
    expect(screen.getByRole('group', { name: 'Authorization code' })).toBeTruthy()
    expect(screen.getByRole('textbox', { name: 'Authorization code' })).toBeTruthy()
    await expectNoAxeViolations(container)
  })
})

describe('PinInput', () => {
  it('is one labelled input that asks for a numeric one-time code; the cells are hidden from screen readers', () => {
    render(<PinInput defaultValue="12" />)
    expect(screen.getAllByRole('textbox')).toHaveLength(1)
    expect(input().getAttribute('inputmode')).toBe('numeric')
    expect(input().getAttribute('autocomplete')).toBe('one-time-code')
    expect(input().getAttribute('aria-label')).toBe('Code')
    expect(input().value).toBe('12')
    expect(cells()).toHaveLength(6)
    expect(document.querySelector('[data-part="cells"]')!.getAttribute('aria-hidden')).toBe('true')
    expect(shown()).toBe('12____')
    // Grouped 3 + 3 like the code the host shows.
    expect(cells().map((c) => c.hasAttribute('data-group-start'))).toEqual([false, false, false, true, false, false])
  })

  it('honours length and the label', () => {
    render(<PinInput length={4} label="Ziffern" />)
    expect(cells()).toHaveLength(4)
    expect(screen.getByRole('textbox', { name: 'Ziffern' })).toBeTruthy()
  })

  it('typing fills the cells; onChange sees each step; onComplete fires once', () => {
    const onChange = vi.fn()
    const onComplete = vi.fn()
    render(<PinInput onChange={onChange} onComplete={onComplete} />)
    for (const value of ['1', '12', '123', '1234', '12345', '123456']) typeIn(value)
    expect(shown()).toBe('123456')
    expect(onChange.mock.calls.map((c) => c[0])).toEqual(['1', '12', '123', '1234', '12345', '123456'])
    expect(onComplete).toHaveBeenCalledTimes(1)
    expect(onComplete).toHaveBeenCalledWith('123456')
    // An edit that leaves it complete but unchanged does not fire again.
    typeIn('123456')
    expect(onComplete).toHaveBeenCalledTimes(1)
  })

  it('ignores letters and symbols, and never holds more than `length` digits', () => {
    render(<PinInput />)
    typeIn('1a2-b')
    expect(input().value).toBe('12')
    typeIn('123456789')
    expect(input().value).toBe('123456')
  })

  it('deleting works as in any text field', () => {
    render(<PinInput defaultValue="1234" />)
    typeIn('123')
    expect(shown()).toBe('123___')
    typeIn('')
    expect(shown()).toBe('______')
  })

  it('pasting a whole code (with spaces) replaces everything and completes', () => {
    const onComplete = vi.fn()
    render(<PinInput defaultValue="99" onComplete={onComplete} />)
    paste('123 456')
    expect(input().value).toBe('123456')
    expect(onComplete).toHaveBeenCalledWith('123456')
  })

  it('pasting a few digits inserts them at the caret', () => {
    render(<PinInput defaultValue="16" />)
    input().setSelectionRange(1, 1)
    paste('2-3')
    expect(input().value).toBe('1236')
  })

  it('pasting text without digits changes nothing', () => {
    render(<PinInput defaultValue="12" />)
    paste('hello')
    expect(input().value).toBe('12')
  })

  it('autofill (a change event with the whole code) fills every cell and completes', () => {
    const onComplete = vi.fn()
    render(<PinInput onComplete={onComplete} />)
    typeIn('654321')
    expect(shown()).toBe('654321')
    expect(onComplete).toHaveBeenCalledWith('654321')
  })

  it('marks the cell where the next digit goes while focused', () => {
    render(<PinInput defaultValue="12" />)
    expect(cells().map((c) => c.dataset.state)).toEqual(['filled', 'filled', 'empty', 'empty', 'empty', 'empty'])
    fireEvent.focus(input())
    expect(cells().map((c) => c.dataset.state)).toEqual(['filled', 'filled', 'active', 'empty', 'empty', 'empty'])
    expect(screen.getByRole('group').hasAttribute('data-focused')).toBe(true)
    fireEvent.blur(input())
    expect(cells()[2]!.dataset.state).toBe('empty')
  })

  it('is controlled by value/onChange', () => {
    function Controlled() {
      const [code, setCode] = useState('12')
      return (
        <>
          <PinInput value={code} onChange={setCode} />
          <button onClick={() => setCode('')}>Clear</button>
          <output>{code}</output>
        </>
      )
    }
    render(<Controlled />)
    expect(shown()).toBe('12____')
    typeIn('123')
    expect(screen.getByRole('status').textContent).toBe('123')
    fireEvent.click(screen.getByText('Clear'))
    expect(shown()).toBe('______')
  })

  it('a controlled value the parent does not update stays as it is', () => {
    const onChange = vi.fn()
    render(<PinInput value="12" onChange={onChange} />)
    typeIn('123')
    expect(onChange).toHaveBeenCalledWith('123')
    expect(shown()).toBe('12____')
    expect(input().value).toBe('12')
  })

  it('invalid marks the input aria-invalid and links the description', () => {
    render(
      <>
        <PinInput invalid aria-describedby="err" />
        <p id="err">Wrong code</p>
      </>,
    )
    expect(input().getAttribute('aria-invalid')).toBe('true')
    expect(input().getAttribute('aria-describedby')).toBe('err')
    expect(screen.getByRole('group').hasAttribute('data-invalid')).toBe(true)
  })

  it('disabled disables the input', () => {
    render(<PinInput disabled defaultValue="12" />)
    expect(input().disabled).toBe(true)
    expect(screen.getByRole('group').hasAttribute('data-disabled')).toBe(true)
  })

  it('submits its value with a form when named', () => {
    const { container } = render(
      <form>
        <PinInput name="code" defaultValue="4711" />
      </form>,
    )
    const data = new FormData(container.querySelector('form')!)
    expect(data.get('code')).toBe('4711')
  })

  it('autoFocus focuses the input', () => {
    render(<PinInput autoFocus defaultValue="12" />)
    expect(document.activeElement).toBe(input())
  })

  it('reports its fill state in data-state', () => {
    const { rerender } = render(<PinInput value="" />)
    expect(screen.getByRole('group').dataset.state).toBe('empty')
    rerender(<PinInput value="12" />)
    expect(screen.getByRole('group').dataset.state).toBe('partial')
    rerender(<PinInput value="123456" />)
    expect(screen.getByRole('group').dataset.state).toBe('complete')
    expect(cells()[0]!.dataset.state).toBe('filled')
  })

  it('takes classes for the input and the cells', () => {
    render(<PinInput className="pin" inputClassName="pin-input" cellClassName="pin-cell" />)
    expect(screen.getByRole('group').className).toBe('pin')
    expect(input().className).toBe('pin-input')
    expect(cells().every((c) => c.className === 'pin-cell')).toBe(true)
  })
})
