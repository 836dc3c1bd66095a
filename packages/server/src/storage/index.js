export { isStorageError, StorageError } from './errors.js';
export { openStorage } from './open-storage.js';
//# sourceMappingURL=index.js.map