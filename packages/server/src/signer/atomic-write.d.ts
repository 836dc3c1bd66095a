/**
 * Writes `data` to `path` atomically and never over an existing file: temp file in the same directory
 * (created exclusively, mode `mode`), fsync, then link() to the final name (fails with EEXIST if a file
 * appeared meanwhile) or rename() where hard links are unsupported, then fsync of the directory.
 * A crash leaves either no file or the complete file, never a truncated key.
 */
export declare function writeFileExclusive(path: string, data: string | Uint8Array, mode: number): Promise<void>;
//# sourceMappingURL=atomic-write.d.ts.map