/** Minimal shape checks for decrypted store JSON: a wrong shape means a corrupt (or foreign) file. */

export class ShapeError extends Error {
  constructor(path: string) {
    super(`store record: ${path} has the wrong shape`)
    this.name = 'ShapeError'
  }
}

export function obj(value: unknown, path: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ShapeError(path)
  return value as Record<string, unknown>
}

/** A non-negative safe integer (epoch seconds, counters, versions). */
export function int(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new ShapeError(path)
  return value
}

export function str(value: unknown, path: string, max = 65_536): string {
  if (typeof value !== 'string' || value.length > max) throw new ShapeError(path)
  return value
}

export function strOrNull(value: unknown, path: string, max = 65_536): string | null {
  return value === null ? null : str(value, path, max)
}

export function oneOf<T extends string>(value: unknown, values: readonly T[], path: string): T {
  if (typeof value !== 'string' || !values.includes(value as T)) throw new ShapeError(path)
  return value as T
}

export function list<T>(value: unknown, path: string, max: number, item: (v: unknown, p: string) => T): T[] {
  if (!Array.isArray(value) || value.length > max) throw new ShapeError(path)
  return value.map((v, i) => item(v, `${path}[${i}]`))
}
