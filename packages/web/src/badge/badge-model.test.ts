import { describe, expect, expectTypeOf, it } from 'vitest'
import { ACTIONS, type LicenseStatus } from '../../../client/src/status/status-types.js'
import { DARK, FOCUS, LIGHT } from './badge-styles.js'
import { ENGLISH, fill, getCatalogue, onCatalogueChange, setCatalogue } from './catalogue.js'
import { formatDeadline } from './deadline-format.js'
import { type BadgeStatus, LICENSE_STATES, parseStatusAttribute, toneOf } from './status-model.js'

/** WCAG 2 contrast of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
    })
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!
  }
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

describe('badge tones', () => {
  it('never turn red while access continues, whatever severity the SDK sends', () => {
    for (const state of ['active', 'renewal_due', 'offline_grace'])
      expect(toneOf({ state, severity: 'error' }), state).not.toBe('error')
    expect(toneOf({ state: 'limited' })).toBe('warning')
    for (const state of ['expired', 'revoked', 'invalid'])
      expect(toneOf({ state, severity: 'ok' })).toBe('error')
  })

  it('cap an unknown state at warning', () => {
    expect(toneOf({ state: 'something_new', severity: 'error' })).toBe('warning')
    expect(toneOf({ state: 'something_new' })).toBe('info')
  })

  it('meet WCAG AA in both colour schemes (text 4.5:1; icon, button border and focus ring 3:1)', () => {
    for (const palettes of [LIGHT, DARK])
      for (const [tone, p] of Object.entries(palettes)) {
        expect(contrast(p.fg, p.bg), tone).toBeGreaterThanOrEqual(4.5)
        expect(contrast(p.accent, p.bg), tone).toBeGreaterThanOrEqual(3)
      }
    for (const p of Object.values(LIGHT)) {
      expect(contrast(p.fg, '#ffffff')).toBeGreaterThanOrEqual(4.5) // chip and button text on white
      expect(contrast(FOCUS.light, p.bg)).toBeGreaterThanOrEqual(3)
    }
    for (const p of Object.values(DARK)) expect(contrast(FOCUS.dark, p.bg)).toBeGreaterThanOrEqual(3)
  })
})

describe('status model', () => {
  it("accepts the client SDK's status() as it is", () => {
    expectTypeOf<LicenseStatus>().toExtend<BadgeStatus>()
  })

  it('has an English button label for every action the SDK offers', () => {
    for (const { id } of Object.values(ACTIONS)) expect(ENGLISH.actions[id], id).toBeTruthy()
  })
})

describe('status attribute', () => {
  it('accepts a JSON status and refuses anything else', () => {
    expect(parseStatusAttribute('{"state":"active"}')).toEqual({ state: 'active' })
    expect(parseStatusAttribute('{"headline":"no state"}')).toBeUndefined()
    expect(parseStatusAttribute('not json')).toBeUndefined()
    expect(parseStatusAttribute(null)).toBeUndefined()
  })
})

describe('deadline format', () => {
  const now = Date.UTC(2026, 10, 28, 12) // 28 Nov 2026, 12:00 UTC
  const at = (iso: string) => Date.parse(iso) / 1000

  it('is a calm day and month within the year', () => {
    expect(formatDeadline(at('2026-12-04T12:00:00Z'), 'en-GB', now, 'UTC')).toBe('4 Dec')
    expect(formatDeadline(at('2026-12-04T12:00:00Z'), 'en-US', now, 'UTC')).toBe('Dec 4')
    expect(formatDeadline(at('2026-12-04T12:00:00Z'), 'de-DE', now, 'UTC')).toBe('4. Dez.')
  })

  it('adds the year beyond this year and the time when less than two days are left', () => {
    expect(formatDeadline(at('2027-01-03T12:00:00Z'), 'en-GB', now, 'UTC')).toBe('3 Jan 2027')
    expect(formatDeadline(at('2026-11-29T17:00:00Z'), 'en-GB', now, 'UTC')).toBe('29 Nov, 17:00')
  })

  it('survives a malformed locale', () => {
    expect(formatDeadline(at('2026-12-04T12:00:00Z'), 'not a locale!', now, 'UTC')).toMatch(/4/)
  })
})

describe('catalogue', () => {
  it('holds every string of every state in English, and shows SDK free text only on request', () => {
    for (const state of LICENSE_STATES) {
      expect(ENGLISH.states[state].label).toBeTruthy()
      expect(ENGLISH.states[state].headline).toBeTruthy()
      expect(ENGLISH.states[state].detail).toBeTruthy()
      // The date is the deadline line's alone: no per-state sentence carries one.
      expect(`${ENGLISH.states[state].headline} ${ENGLISH.states[state].detail}`).not.toContain('{date}')
    }
    expect(ENGLISH.modelText).toBe(false)
    expect(fill(ENGLISH.deadline.active!, { date: '4 Dec' })).toBe('Works offline until 4 Dec')
    expect(fill('{a} {b}', { a: 'x' })).toBe('x {b}')
  })

  it('is replaced page-wide and tells the badges', () => {
    let calls = 0
    const off = onCatalogueChange(() => calls++)
    const custom = { ...ENGLISH, renewalPending: 'Waiting to renew' }
    setCatalogue(custom)
    expect(getCatalogue()).toBe(custom)
    setCatalogue(ENGLISH)
    off()
    setCatalogue(ENGLISH)
    expect(calls).toBe(2)
  })
})
