/** Opaque, unguessable ids with a readable prefix (lic_, lea_, …): 72 random bits, 12 characters. */
export declare function newId(prefix: string, random: (size: number) => Uint8Array): string;
//# sourceMappingURL=ids.d.ts.map