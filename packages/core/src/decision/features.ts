import type { LeaseClaims } from '../claims/lease-claims.js'
import type { AppContext } from './types.js'

/**
 * Features the lease grants, in this app's names: the lease's features and edition expanded by
 * the compatibility map, plus the essential ones, restricted to what the app knows. Sorted, so the
 * result is deterministic.
 */
export function grantedFeatures(lease: LeaseClaims, app: AppContext): string[] {
  const granted = new Set<string>(lease.fts)
  for (const f of app.compat?.editions?.[lease.edn] ?? []) granted.add(f)
  for (const [name, olderNames] of Object.entries(app.compat?.aliases ?? {})) {
    if (olderNames.some((old) => granted.has(old))) granted.add(name)
  }
  for (const f of essentialFeatures(lease, app)) granted.add(f)
  return restrict(granted, app)
}

/** The floor kept in `limited`: the lease's essential features and the app's own. */
export function essentialFeatures(lease: LeaseClaims | null, app: AppContext): string[] {
  const essential = new Set<string>([...(lease?.ess ?? []), ...(app.essential ?? [])])
  for (const [name, olderNames] of Object.entries(app.compat?.aliases ?? {})) {
    if (olderNames.some((old) => essential.has(old))) essential.add(name)
  }
  return restrict(essential, app)
}

function restrict(features: Set<string>, app: AppContext): string[] {
  const list = app.features ? [...features].filter((f) => app.features!.includes(f)) : [...features]
  return list.sort()
}
