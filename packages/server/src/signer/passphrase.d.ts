/** Environment variable holding the key file passphrase itself. */
export declare const PASSPHRASE_ENV = "TESSERA_KEY_PASSPHRASE";
/** Environment variable holding the path of a file that contains the passphrase. */
export declare const PASSPHRASE_FILE_ENV = "TESSERA_KEY_PASSPHRASE_FILE";
export interface ResolvePassphraseOptions {
    /** Environment to read; pass `process.env` (injected so tests and embedders control it). */
    env: Readonly<Record<string, string | undefined>>;
    /** Explicit passphrase file (e.g. from a CLI flag); wins over the environment. */
    file?: string;
}
/**
 * Finds the key file passphrase: `file` if given, else `TESSERA_KEY_PASSPHRASE`, else the file named
 * by `TESSERA_KEY_PASSPHRASE_FILE`. Trailing newlines of a file are removed (editors add them).
 * Returns undefined when no source is configured; an empty source is an error, never an empty key.
 */
export declare function resolvePassphrase(options: ResolvePassphraseOptions): Promise<string | undefined>;
//# sourceMappingURL=passphrase.d.ts.map