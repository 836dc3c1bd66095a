import type { Tone } from './status-model.js'

export interface Palette {
  /** Text. */
  fg: string
  bg: string
  /** Borders (non-text, ≥ 3:1 is not required for decoration, but the button border uses accent). */
  line: string
  /** Icon, button border, pending dot: ≥ 3:1 against bg. */
  accent: string
}

/** Light palettes; tests check every pair against WCAG AA. Only `error` is red. */
export const LIGHT: Record<Tone, Palette> = {
  ok: { fg: '#0b4a2f', bg: '#f0faf4', line: '#9fd8b6', accent: '#13794a' },
  info: { fg: '#173b6c', bg: '#f1f6fd', line: '#a9c6ee', accent: '#1d5fb4' },
  warning: { fg: '#6a3006', bg: '#fff8eb', line: '#f0c274', accent: '#a2530b' },
  error: { fg: '#7a1c14', bg: '#fef3f2', line: '#f3a79f', accent: '#c0281b' },
}

export const DARK: Record<Tone, Palette> = {
  ok: { fg: '#c9f2da', bg: '#0f2a1d', line: '#2f6b4b', accent: '#5dd39a' },
  info: { fg: '#d3e4fb', bg: '#12233c', line: '#35598c', accent: '#7fb0f0' },
  warning: { fg: '#fbe3bd', bg: '#33230c', line: '#7a5720', accent: '#f0b454' },
  error: { fg: '#fdd5d1', bg: '#3a1512', line: '#8a3a32', accent: '#f58b80' },
}

/** Focus ring colour (light, dark). */
export const FOCUS = { light: '#1d5fb4', dark: '#7fb0f0' }

const vars = (p: Palette) => `--fg: ${p.fg}; --bg: ${p.bg}; --line: ${p.line}; --accent: ${p.accent};`
const toneRules = (palettes: Record<Tone, Palette>) =>
  (Object.keys(palettes) as Tone[]).map((t) => `.badge[data-tone="${t}"] { ${vars(palettes[t])} }`).join('\n')

/**
 * The badge's shadow styles. Colours meet WCAG AA (text ≥ 4.5:1 on its background, borders and
 * focus ring ≥ 3:1); only the `error` tone is red. Apps theme it through the custom properties
 * (--tessera-font, --tessera-radius) and the `badge` / `actions` parts.
 */
export const BADGE_CSS = `
:host { display: block; font-family: var(--tessera-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif); }
:host([hidden]) { display: none; }
.badge {
  display: flex; gap: 12px; align-items: flex-start; flex-wrap: wrap;
  padding: 12px 14px; border: 1px solid var(--line); border-radius: var(--tessera-radius, 10px);
  background: var(--bg); color: var(--fg); line-height: 1.4; font-size: 14px;
}
${toneRules(LIGHT)}
.live { display: flex; gap: 12px; align-items: flex-start; flex: 1 1 260px; min-width: 0; }
.icon { flex: none; width: 22px; height: 22px; margin-top: 1px; color: var(--accent); }
.icon svg { width: 100%; height: 100%; display: block; }
.text { flex: 1; min-width: 0; }
.top { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.chip {
  font-size: 12px; font-weight: 600; letter-spacing: .02em; text-transform: uppercase;
  padding: 1px 8px; border-radius: 999px; border: 1px solid var(--line); color: var(--fg); background: #fff;
}
.headline { margin: 0; font-weight: 600; font-size: 15px; }
.detail, .deadline, .pending { margin: 4px 0 0; }
.deadline time { font-weight: 600; }
.pending { display: flex; align-items: center; gap: 6px; font-size: 13px; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: var(--accent); animation: pulse 1.6s ease-in-out infinite; }
@keyframes pulse { 50% { opacity: .35; } }
@media (prefers-reduced-motion: reduce) { .dot { animation: none; } }
.actions { display: flex; gap: 8px; flex-wrap: wrap; align-self: center; }
.actions:empty { display: none; }
button {
  font: inherit; font-size: 13px; font-weight: 600; cursor: pointer;
  padding: 6px 12px; border-radius: 8px; border: 1px solid var(--accent);
  background: #fff; color: var(--fg);
}
button:hover { background: var(--bg); }
button:focus-visible { outline: 3px solid ${FOCUS.light}; outline-offset: 2px; }
@media (prefers-color-scheme: dark) {
  ${toneRules(DARK)}
  .chip, button { background: transparent; }
  button:focus-visible { outline-color: ${FOCUS.dark}; }
}
`

/** One small inline icon per tone (24×24, stroked with currentColor). */
export const ICONS: Record<string, string> = {
  ok: '<path d="M20 6 9 17l-5-5"/>',
  info: '<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/>',
  warning: '<path d="M12 3 2 20h20L12 3z"/><path d="M12 10v4M12 17.5v.5"/>',
  error: '<circle cx="12" cy="12" r="9"/><path d="m15 9-6 6M9 9l6 6"/>',
}

export function iconSvg(tone: string): string {
  return `<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${ICONS[tone] ?? ICONS.info}</svg>`
}
