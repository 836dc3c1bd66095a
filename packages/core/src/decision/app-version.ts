/**
 * Compares two semantic versions (major.minor.patch[-pre]); a missing part counts as 0 and a
 * pre-release sorts before its release. Returns <0, 0 or >0. Unparseable parts compare as 0.
 */
export function compareVersions(a: string, b: string): number {
  const [coreA = '', preA] = splitPre(a)
  const [coreB = '', preB] = splitPre(b)
  const pa = coreA.split('.')
  const pb = coreB.split('.')
  for (let i = 0; i < 3; i++) {
    const d = num(pa[i]) - num(pb[i])
    if (d !== 0) return d
  }
  if (preA === preB) return 0
  if (preA === undefined) return 1
  if (preB === undefined) return -1
  return preA < preB ? -1 : 1
}

function splitPre(v: string): [string, string | undefined] {
  const clean = v.trim().replace(/^v/, '').split('+')[0] ?? ''
  const dash = clean.indexOf('-')
  return dash < 0 ? [clean, undefined] : [clean.slice(0, dash), clean.slice(dash + 1)]
}

function num(part: string | undefined): number {
  const n = Number.parseInt(part ?? '0', 10)
  return Number.isFinite(n) ? n : 0
}
