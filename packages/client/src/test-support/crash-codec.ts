// The record the crash test's writer process rewrites in a loop: a counter and a payload derived
// from it, so a half-old, half-new file ("a third state") would be visible.
import type { FileCodec } from '../store/sealed-store.js'
import { int, obj, str } from '../store/shape.js'

export interface CrashRecord {
  n: number
  payload: string
}

export function payloadFor(n: number): string {
  return `${n}:`.repeat(600)
}

export const CRASH_FILE: FileCodec<CrashRecord> = {
  name: 'crash.tsr',
  parse(value) {
    const o = obj(value, 'crash')
    return { n: int(o.n, 'n'), payload: str(o.payload, 'payload') }
  },
}
