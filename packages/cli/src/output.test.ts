import { describe, expect, it } from 'vitest'
import { colourOn, type Io, paint, withProgress } from './output.js'

function io(over: Partial<Io> = {}): Io & { err: string } {
  const sink = {
    err: '',
    stdout: () => undefined,
    stderr: (t: string) => {
      sink.err += t
    },
    isTTY: false,
    stderrIsTTY: false,
    env: {},
    ...over,
  }
  return sink
}

describe('colour and progress', () => {
  it('each stream decides by its own isTTY, NO_COLOR and TERM=dumb', () => {
    const stdoutOnly = io({ isTTY: true })
    expect([colourOn(stdoutOnly, 'stdout'), colourOn(stdoutOnly, 'stderr')]).toEqual([true, false])
    expect(paint(stdoutOnly, 'red', 'E', 'stderr')).toBe('E')
    const stderrOnly = io({ stderrIsTTY: true })
    expect([colourOn(stderrOnly, 'stdout'), colourOn(stderrOnly, 'stderr')]).toEqual([false, true])
    expect(paint(stderrOnly, 'red', 'E', 'stderr')).toBe('\u001b[31mE\u001b[0m')
    for (const env of [{ NO_COLOR: '1' }, { TERM: 'dumb' }]) {
      const both = io({ isTTY: true, stderrIsTTY: true, env })
      expect([colourOn(both, 'stdout'), colourOn(both, 'stderr')]).toEqual([false, false])
    }
    expect(colourOn(io({ isTTY: true, env: { NO_COLOR: '' } }), 'stdout')).toBe(true)
  })

  it('draws the progress line only when stderr is a terminal, and only after a second', async () => {
    const slow = () => new Promise((resolve) => setTimeout(() => resolve('done'), 1300))
    const redirected = io({ isTTY: true })
    expect(await withProgress(redirected, 'waiting', slow)).toBe('done')
    expect(redirected.err).toBe('')
    const terminal = io({ stderrIsTTY: true })
    expect(await withProgress(terminal, 'waiting', slow)).toBe('done')
    expect(terminal.err).toContain('waiting…')
    expect(terminal.err.endsWith('\r\u001b[2K')).toBe(true)
    const quick = io({ stderrIsTTY: true })
    await withProgress(quick, 'waiting', async () => 'fast')
    expect(quick.err).toBe('')
    const dumb = io({ stderrIsTTY: true, env: { TERM: 'dumb' } })
    await withProgress(dumb, 'waiting', slow)
    expect(dumb.err).toBe('')
  })
})
