// The two WHATWG text codecs core relies on; present in Node and every browser. Declared here
// instead of pulling in the DOM or Node typings, so core cannot reach for any other host API.
declare class TextEncoder {
  encode(input?: string): Uint8Array
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean })
  decode(input?: Uint8Array): string
}
