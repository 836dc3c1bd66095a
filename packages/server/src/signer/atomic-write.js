import { randomBytes } from 'node:crypto';
import { link, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SignerError } from './signer.js';
/** Errors for which link() is not available on the file system; we fall back to rename(). */
const LINK_UNSUPPORTED = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);
/**
 * Writes `data` to `path` atomically and never over an existing file: temp file in the same directory
 * (created exclusively, mode `mode`), fsync, then link() to the final name (fails with EEXIST if a file
 * appeared meanwhile) or rename() where hard links are unsupported, then fsync of the directory.
 * A crash leaves either no file or the complete file, never a truncated key.
 */
export async function writeFileExclusive(path, data, mode) {
    if (await exists(path))
        throw new SignerError('SIGNER_FILE_EXISTS', `refusing to overwrite ${path}`);
    const dir = dirname(path);
    const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
        const handle = await open(tmp, 'wx', mode);
        try {
            await handle.chmod(mode); // the umask may have removed bits we asked for; never add any
            await handle.writeFile(data);
            await handle.sync();
        }
        finally {
            await handle.close();
        }
        await publish(tmp, path);
        await syncDir(dir);
    }
    catch (err) {
        if (err instanceof SignerError)
            throw err;
        throw new SignerError('SIGNER_IO_ERROR', `cannot write ${path}`, { cause: err });
    }
    finally {
        await unlink(tmp).catch(() => undefined);
    }
}
async function publish(tmp, path) {
    try {
        await link(tmp, path);
    }
    catch (err) {
        const code = err.code;
        if (code === 'EEXIST')
            throw new SignerError('SIGNER_FILE_EXISTS', `refusing to overwrite ${path}`);
        if (!code || !LINK_UNSUPPORTED.has(code))
            throw err;
        if (await exists(path))
            throw new SignerError('SIGNER_FILE_EXISTS', `refusing to overwrite ${path}`);
        await rename(tmp, path);
    }
}
async function syncDir(dir) {
    const handle = await open(dir, 'r').catch(() => undefined);
    if (!handle)
        return; // not every platform lets a directory be opened (Windows)
    try {
        await handle.sync().catch(() => undefined);
    }
    finally {
        await handle.close();
    }
}
async function exists(path) {
    try {
        await stat(path);
        return true;
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return false;
        throw new SignerError('SIGNER_IO_ERROR', `cannot stat ${path}`, { cause: err });
    }
}
//# sourceMappingURL=atomic-write.js.map