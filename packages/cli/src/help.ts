import type { Command } from './command.js'

export function globalHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)
  return `tessera — offline-first software licensing

Usage: tessera <command> [options]     (tessera <command> --help for details)

Commands:
${lines.join('\n')}

Exit codes: 0 ok · 1 error · 2 usage · 3 license does not allow full use · 4 not activated (no store)
Environment: TESSERA_SERVER, TESSERA_ADMIN_TOKEN, TESSERA_STORE, TESSERA_KEY_PASSPHRASE(_FILE),
TESSERA_DEVICE_ID, NO_COLOR.
`
}

export function commandHelp(command: Command): string {
  const opts = Object.entries(command.options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.type === 'string' ? ' VALUE' : ''}`
    return `  ${flag.padEnd(30)} ${spec.description}`
  })
  return `tessera ${command.name}${command.args ? ` ${command.args}` : ''} — ${command.summary}

Options:
${[...opts, `  ${'-h, --help'.padEnd(30)} show this help`].join('\n')}

Example:
  ${command.example}
`
}
