/** One thing the client keeps or sends, in plain words. */
export interface PrivacyItem {
  what: string
  why: string
}

/** What the client stores on this device and what it sends, for a settings page or a CLI. */
export interface PrivacyReport {
  /** Where the files live (this device only). */
  storeDir: string
  storedLocally: PrivacyItem[]
  sentToServer: PrivacyItem[]
  /** Things that never leave the device, or are never kept at all. */
  never: string[]
  /** The same, as a few plain paragraphs. */
  text: string
}

export interface PrivacyFacts {
  storeDir: string
  vault: string
  serverUrl: string | null
  /** Names of the fingerprint components found on this machine. */
  components: readonly string[]
  deviceIdOverride: boolean
  telemetry: boolean
}

const NEVER = [
  'your name, e-mail address or any other personal data',
  'the license key (it is sent once at activation and never stored)',
  'the device private key (it never leaves this device)',
  'what you do in the app',
]

/** Plain-words account of the client's data, built from what this installation actually does. */
export function privacyReport(facts: PrivacyFacts): PrivacyReport {
  const storedLocally = stored(facts)
  const sentToServer = sent(facts)
  const list = (items: PrivacyItem[]) => items.map((i) => i.what.toLowerCase()).join('; ')
  const text = [
    `Stored on this device, encrypted, in ${facts.storeDir} (the key is ${facts.vault}): ${list(storedLocally)}.`,
    facts.serverUrl
      ? `Sent to the license server at ${facts.serverUrl}: ${list(sentToServer)}.`
      : 'No license server is configured: nothing is sent; renewals travel as files you carry.',
    `Never collected: ${NEVER.join('; ')}.`,
  ].join('\n\n')
  return { storeDir: facts.storeDir, storedLocally, sentToServer, never: [...NEVER], text }
}

function stored(facts: PrivacyFacts): PrivacyItem[] {
  const items: PrivacyItem[] = [
    {
      what: 'The license tokens the server issued (lease, status receipt, key set, access token)',
      why: 'so the app can check its license offline; they hold opaque ids, no name or e-mail',
    },
    { what: 'A device key pair created on this device', why: 'to prove it is the same device when renewing' },
    {
      what: "A hash of your license key (not the key itself) and the license's id",
      why: 'to renew without asking for the key again',
    },
    {
      what: 'Time marks (the last time the server confirmed the time)',
      why: 'so turning the clock back cannot stretch the license',
    },
    { what: 'The renewal schedule', why: 'to retry politely after a failure' },
  ]
  if (facts.telemetry) {
    items.push({
      what: 'Up to 500 usage-free events (renewal results, offline durations, problems found)',
      why: 'sent at the next contact, then deleted',
    })
  }
  return items
}

function sent(facts: PrivacyFacts): PrivacyItem[] {
  const hardware = facts.deviceIdOverride
    ? 'the device id set in TESSERA_DEVICE_ID'
    : `these hardware details: ${facts.components.join(', ')}`
  const items: PrivacyItem[] = [
    {
      what: 'Your license key, once, when you activate',
      why: 'to find your license; it is not stored on this device',
    },
    { what: 'The device public key', why: 'to bind the license to this device' },
    {
      what: `One-way salted hashes of ${hardware}`,
      why: 'to recognise this device; the raw values never leave it, and the hashes differ for every product',
    },
    { what: 'The app version', why: 'to check the license covers it' },
    {
      what: "The license's id and the current lease id, when renewing or checking in",
      why: 'to issue a fresh lease',
    },
  ]
  if (facts.telemetry) {
    items.push({
      what: 'The queued events and a count of dropped ones',
      why: 'to show the vendor renewal health; they carry no personal data',
    })
  }
  return items
}
