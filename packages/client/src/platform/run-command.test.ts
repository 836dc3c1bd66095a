import { describe, expect, it } from 'vitest'
import { commandOutput, powerShellArgs, runCommand, windowsPowerShell } from './run-command.js'

const node = process.execPath

describe('runCommand: one way to run an external command', () => {
  it('feeds stdin, reports exit codes and stderr, never through a shell', async () => {
    const echo = 'process.stdin.pipe(process.stdout)'
    expect(await runCommand(node, ['-e', echo], { input: 'secret on stdin' })).toEqual({
      code: 0,
      stdout: 'secret on stdin',
      stderr: '',
      failure: null,
    })
    const fail = 'process.stderr.write("oops"); process.exit(44)'
    expect(await runCommand(node, ['-e', fail])).toEqual({
      code: 44,
      stdout: '',
      stderr: 'oops',
      failure: null,
    })
    expect((await runCommand(node, ['-e', 'process.stdout.write(process.argv[1])', '$HOME;|'])).stdout).toBe(
      '$HOME;|',
    )
  })

  it('coded failures: missing, killed at the timeout, too much output', async () => {
    expect(await runCommand('/nonexistent/tessera-tool', [])).toMatchObject({
      code: null,
      failure: 'missing',
    })
    const started = Date.now()
    const hung = await runCommand(node, ['-e', 'setTimeout(() => {}, 10000)'], { timeoutMs: 200 })
    expect(hung).toMatchObject({ code: null, failure: 'timeout' })
    expect(Date.now() - started).toBeLessThan(5000)
    const flood = 'process.stdout.write("x".repeat(100000))'
    expect(await runCommand(node, ['-e', flood], { maxOutputBytes: 1000 })).toMatchObject({
      code: null,
      failure: 'output-limit',
    })
  })

  it('commandOutput: the stdout of a success, else null (never an exception)', async () => {
    expect(await commandOutput(node, ['-e', 'process.stdout.write("ok")'])).toBe('ok')
    expect(await commandOutput(node, ['-e', 'process.exit(1)'])).toBeNull()
    expect(await commandOutput('tessera-no-such-command', [])).toBeNull()
    expect(await commandOutput(node, ['-e', 'setTimeout(() => {}, 10000)'], undefined, 200)).toBeNull()
  })

  it('Windows PowerShell is named by its absolute path', () => {
    expect(windowsPowerShell()).toMatch(/^.+\\System32\\WindowsPowerShell\\v1\.0\\powershell\.exe$/)
    expect(powerShellArgs('Get-Date')).toEqual([
      '-NoLogo',
      '-NoProfile',
      '-NonInteractive',
      '-Command',
      'Get-Date',
    ])
  })
})
