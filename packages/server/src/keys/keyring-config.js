const SETTING = 'keyring';
export async function loadKeyringConfig(storage) {
    return (await storage.getSetting(SETTING));
}
export async function saveKeyringConfig(storage, config) {
    await storage.putSetting(SETTING, config);
}
//# sourceMappingURL=keyring-config.js.map