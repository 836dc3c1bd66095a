import type { Decision } from '@tessera/core'

/** A change of state or features, as delivered to `on('change')` listeners. */
export interface ChangeEvent {
  /** The decision before, or null for the first one observed. */
  previous: Decision | null
  decision: Decision
}

/**
 * Watches the stream of decisions and tells listeners when the state or the features change.
 * Delivery is asynchronous (a microtask), so check() never runs host code, and a listener that
 * throws neither stops the others nor reaches the client.
 */
export class ChangeFeed {
  readonly listeners = new Set<(event: ChangeEvent) => void>()
  #last: Decision | null = null

  /** Records `decision` and returns the one before it. */
  observe(decision: Decision): Decision | null {
    const previous = this.#last
    this.#last = decision
    if (previous !== null && changed(previous, decision)) this.#announce({ previous, decision })
    return previous
  }

  #announce(event: ChangeEvent): void {
    queueMicrotask(() => {
      for (const listener of [...this.listeners]) {
        try {
          listener(event)
        } catch {
          // the host's own error: it must not stop the other listeners or the client
        }
      }
    })
  }
}

function changed(previous: Decision, next: Decision): boolean {
  return previous.state !== next.state || previous.features.join('\n') !== next.features.join('\n')
}
