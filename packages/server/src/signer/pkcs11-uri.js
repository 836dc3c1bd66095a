import { isAbsolute } from 'node:path';
import { SignerError } from './signer.js';
const PATH_ATTRS = new Set(['token', 'manufacturer', 'serial', 'model', 'slot-id', 'object', 'id', 'type']);
const QUERY_ATTRS = new Set(['module-path', 'module-name', 'pin-value', 'pin-source']);
/** Parses a `pkcs11:` URI. Errors (SIGNER_URI_INVALID) never repeat the URI, which may hold a PIN. */
export function parsePkcs11Uri(uri) {
    if (!uri.toLowerCase().startsWith('pkcs11:'))
        invalid('URI must start with "pkcs11:"');
    const rest = uri.slice('pkcs11:'.length);
    const q = rest.indexOf('?');
    const path = q < 0 ? rest : rest.slice(0, q);
    const query = q < 0 ? '' : rest.slice(q + 1);
    const raw = new Map();
    collect(path, ';', PATH_ATTRS, raw);
    collect(query, '&', QUERY_ATTRS, raw);
    const text = (name) => {
        const bytes = raw.get(name);
        if (bytes === undefined)
            return undefined;
        try {
            return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        }
        catch {
            return invalid(`attribute "${name}" is not valid UTF-8`);
        }
    };
    const modulePath = text('module-path');
    if (modulePath === undefined || modulePath === '') {
        invalid('missing "module-path" query attribute (absolute path of the PKCS#11 library)');
    }
    if (!isAbsolute(modulePath))
        invalid('"module-path" must be an absolute path');
    const result = { modulePath };
    const assign = (key, name) => {
        const value = text(name);
        if (value !== undefined)
            result[key] = value;
    };
    assign('token', 'token');
    assign('manufacturer', 'manufacturer');
    assign('serial', 'serial');
    assign('model', 'model');
    assign('object', 'object');
    assign('type', 'type');
    assign('moduleName', 'module-name');
    assign('pinValue', 'pin-value');
    assign('pinSource', 'pin-source');
    const id = raw.get('id');
    if (id !== undefined)
        result.id = id;
    const slot = text('slot-id');
    if (slot !== undefined) {
        if (!/^\d{1,15}$/.test(slot))
            invalid('"slot-id" must be a decimal number');
        result.slotId = Number(slot);
    }
    return result;
}
/** The URI with any pin-value replaced, for logs and error reports. */
export function redactPkcs11Uri(uri) {
    return uri.replace(/([?&]pin-value=)[^&]*/gi, '$1***');
}
function collect(part, separator, known, out) {
    for (const segment of part.split(separator)) {
        if (segment === '')
            continue;
        const eq = segment.indexOf('=');
        if (eq <= 0)
            invalid('each attribute must be written name=value');
        const name = segment.slice(0, eq).toLowerCase();
        if (!known.has(name))
            continue;
        if (out.has(name))
            invalid(`attribute "${name}" appears more than once`);
        out.set(name, percentDecode(segment.slice(eq + 1), name));
    }
}
function percentDecode(value, name) {
    const bytes = [];
    for (let i = 0; i < value.length; i++) {
        const ch = value[i];
        if (ch === '%') {
            const hex = value.slice(i + 1, i + 3);
            if (!/^[0-9a-fA-F]{2}$/.test(hex))
                invalid(`attribute "${name}" has a bad percent-encoding`);
            bytes.push(Number.parseInt(hex, 16));
            i += 2;
        }
        else {
            const char = String.fromCodePoint(value.codePointAt(i)); // keeps surrogate pairs whole
            bytes.push(...Buffer.from(char, 'utf8'));
            i += char.length - 1;
        }
    }
    return new Uint8Array(bytes);
}
function invalid(message) {
    throw new SignerError('SIGNER_URI_INVALID', `invalid PKCS#11 URI: ${message}`);
}
//# sourceMappingURL=pkcs11-uri.js.map