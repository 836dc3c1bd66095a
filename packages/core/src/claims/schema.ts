import type { JsonObject, JsonValue } from '../encoding/strict-json.js'
import { TesseraError } from '../errors.js'

/** Longest string claim we accept anywhere (ids, names); keeps tokens small and parsers bounded. */
const DEFAULT_MAX_STRING = 128
const DEFAULT_MAX_ITEMS = 64

export type FieldSpec =
  | { type: 'string'; required?: boolean; max?: number; values?: readonly string[] }
  | { type: 'int'; required?: boolean; min?: number; max?: number }
  | { type: 'strings'; required?: boolean; max?: number }
  | { type: 'object'; required?: boolean; fields: ClaimsSchema }
  | { type: 'list'; required?: boolean; max?: number; item: ClaimsSchema }
  | { type: 'json'; required?: boolean }

/** The complete list of members an object may have: the allow-list and the type check in one. */
export type ClaimsSchema = Readonly<Record<string, FieldSpec>>

/**
 * Checks `value` against `schema`: every member known, every required member present, every type
 * and bound respected. Throws CLAIMS_INVALID naming the path (never the value).
 */
export function validateSchema(value: JsonValue | undefined, schema: ClaimsSchema, path = ''): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(path || 'claims', 'must be an object')
  }
  for (const name of Object.keys(value)) {
    if (!Object.hasOwn(schema, name)) throw invalid(`${path}${name}`, 'is not an allowed member')
  }
  for (const [name, spec] of Object.entries(schema)) {
    const v = value[name]
    if (v === undefined) {
      if (spec.required !== false) throw invalid(`${path}${name}`, 'is required')
      continue
    }
    checkField(v, spec, `${path}${name}`)
  }
  return value
}

function checkField(v: JsonValue, spec: FieldSpec, path: string): void {
  switch (spec.type) {
    case 'string':
      if (typeof v !== 'string' || v.length === 0 || v.length > (spec.max ?? DEFAULT_MAX_STRING)) {
        throw invalid(path, 'must be a non-empty bounded string')
      }
      if (spec.values && !spec.values.includes(v)) throw invalid(path, 'has an unknown value')
      return
    case 'int':
      if (
        typeof v !== 'number' ||
        !Number.isSafeInteger(v) ||
        v < (spec.min ?? 0) ||
        v > (spec.max ?? Number.MAX_SAFE_INTEGER)
      ) {
        throw invalid(path, 'must be an integer in range')
      }
      return
    case 'strings':
      if (!Array.isArray(v) || v.length > (spec.max ?? DEFAULT_MAX_ITEMS))
        throw invalid(path, 'must be a bounded list')
      for (const item of v) {
        if (typeof item !== 'string' || item.length === 0 || item.length > DEFAULT_MAX_STRING) {
          throw invalid(path, 'must hold non-empty bounded strings')
        }
      }
      return
    case 'object':
      validateSchema(v, spec.fields, `${path}.`)
      return
    case 'list':
      if (!Array.isArray(v) || v.length > (spec.max ?? DEFAULT_MAX_ITEMS))
        throw invalid(path, 'must be a bounded list')
      v.forEach((item, i) => {
        validateSchema(item, spec.item, `${path}[${i}].`)
      })
      return
    case 'json':
      return
  }
}

function invalid(path: string, why: string): TesseraError {
  return new TesseraError('CLAIMS_INVALID', `${path} ${why}`)
}
