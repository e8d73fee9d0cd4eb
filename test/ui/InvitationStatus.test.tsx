// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { describeInvitationState, InvitationStatus, messagesDe, type InvitationState } from '../../src/ui/index.ts'
import { expectNoAxeViolations } from './axe.ts'

afterEach(cleanup)

const states: InvitationState[] = ['init', 'connecting', 'connected', 'ready-for-auth', 'authenticating', 'success', 'cancelled', 'expired', 'error']

describe('describeInvitationState', () => {
  it('has a distinct sentence for every state, on either side', () => {
    for (const side of [undefined, 'host', 'guest'] as const) {
      const messages = states.map((s) => describeInvitationState(s, undefined, side))
      expect(messages.every((m) => m.length > 5)).toBe(true)
      expect(new Set(messages).size).toBe(states.length)
    }
  })

  it('words host and guest differently where they act differently', () => {
    expect(describeInvitationState('ready-for-auth', undefined, 'host')).toBe('Tell your guest this code.')
    expect(describeInvitationState('ready-for-auth', undefined, 'guest')).toBe('Enter the code that the person who invited you sees.')
    expect(describeInvitationState('expired')).toBe('The invitation has expired. Ask for a new one.')
  })

  it('speaks the language of the messages given', () => {
    expect(describeInvitationState('ready-for-auth', undefined, 'host', messagesDe)).toBe('Sag deinem Gast diesen Code.')
    expect(describeInvitationState('error', 'TOO_MANY_ATTEMPTS', 'guest', messagesDe)).toBe('Zu viele falsche Codes. Bitte um eine neue Einladung.')
  })

  it('explains errors by code and falls back for unknown ones', () => {
    expect(describeInvitationState('error', 'TOO_MANY_ATTEMPTS')).toBe('Too many wrong codes. Ask for a new invitation.')
    expect(describeInvitationState('error', 'AUTH_FAILED')).toMatch(/not right/)
    expect(describeInvitationState('error', 'INVALID_INVITATION')).toMatch(/not valid/)
    expect(describeInvitationState('error', 'SOMETHING_NEW')).toBe('Something went wrong with the invitation.')
    expect(describeInvitationState('error')).toBe('Something went wrong with the invitation.')
    // The code only matters in the error state.
    expect(describeInvitationState('success', 'AUTH_FAILED')).toBe(describeInvitationState('success'))
  })
})

describe('InvitationStatus', () => {
  it.each(states)('%s is announced politely with its message', async (state) => {
    const { container } = render(<InvitationStatus state={state} errorCode={state === 'error' ? 'NETWORK_FAILED' : undefined} side="guest" />)
    const region = screen.getByRole('status')
    expect(region.textContent).toBe(describeInvitationState(state, state === 'error' ? 'NETWORK_FAILED' : undefined, 'guest'))
    expect(region.dataset.state).toBe(state)
    await expectNoAxeViolations(container)
  })

  it('uses tones that match the outcome', () => {
    const tone = (state: InvitationState) => {
      const { container, unmount } = render(<InvitationStatus state={state} />)
      const value = (container.firstElementChild as HTMLElement).dataset.tone
      unmount()
      return value
    }
    expect(tone('success')).toBe('success')
    expect(tone('error')).toBe('danger')
    expect(tone('expired')).toBe('warning')
  })

  it('takes custom wording', () => {
    render(<InvitationStatus state="success" describe={(s) => `état: ${s}`} />)
    expect(screen.getByRole('status').textContent).toBe('état: success')
  })
})
