import type { Command } from './command.js'

export function globalHelp(commands: readonly Command[]): string {
  return `tessera — offline-first software licensing

Usage: tessera <command> [options]     (tessera <command> --help for details)

Commands:
${commandLines(commands)}

Exit codes: 0 ok · 1 error · 2 usage · 3 license does not allow full use · 4 not activated (no store)
Environment: TESSERA_SERVER, TESSERA_ADMIN_TOKEN, TESSERA_STORE, TESSERA_KEY_PASSPHRASE(_FILE),
TESSERA_PKCS11_PIN, TESSERA_TIMEOUT (seconds a server call may take, default 30), TESSERA_DEVICE_ID,
NO_COLOR.
`
}

/**
 * Command groups: every leading run of words of a verb's name that is not a verb itself
 * ("admin", "admin license", "keys", "offline"), so a new verb joins its group's help on its own.
 */
export function commandGroups(commands: readonly Command[]): Set<string> {
  const names = new Set(commands.map((c) => c.name))
  const groups = new Set<string>()
  for (const { name } of commands) {
    const words = name.split(' ')
    for (let n = 1; n < words.length; n++) {
      const prefix = words.slice(0, n).join(' ')
      if (!names.has(prefix)) groups.add(prefix)
    }
  }
  return groups
}

/** The verbs under `group`, one line each with its summary. */
export function groupHelp(group: string, commands: readonly Command[]): string {
  const members = commands.filter((c) => c.name.startsWith(`${group} `))
  return `tessera ${group} — one of:

${commandLines(members)}

Run tessera ${group} <verb> --help for a verb's options and an example.
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

function commandLines(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')
}
