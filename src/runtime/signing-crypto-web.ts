// Web Crypto (crypto.subtle): browsers in secure contexts, Deno, Bun, Cloudflare Workers, Node.
import type { SigningCrypto } from './signing-crypto.js';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const encoder = new TextEncoder();

function hex(buffer: ArrayBuffer): string {
  let out = '';
  for (const byte of new Uint8Array(buffer)) out += HEX[byte];
  return out;
}

function bytes(data: string | Uint8Array): Uint8Array<ArrayBuffer> {
  // Web Crypto refuses views of a SharedArrayBuffer; a copy is always acceptable.
  if (typeof data === 'string') return encoder.encode(data);
  return data.buffer instanceof ArrayBuffer ? (data as Uint8Array<ArrayBuffer>) : new Uint8Array(data);
}

export function webSigningCrypto(subtle: SubtleCrypto | undefined = globalThis.crypto?.subtle): SigningCrypto | undefined {
  if (!subtle) return undefined;
  // importKey is the costly step: keep the key of the last secret (one client signs with one).
  let lastSecret: string | undefined;
  let lastKey: Promise<CryptoKey> | undefined;
  const keyFor = (secret: string): Promise<CryptoKey> => {
    if (lastKey && lastSecret === secret) return lastKey;
    const key = subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    lastSecret = secret;
    lastKey = key;
    // A failed import is not kept: the next call tries again.
    key.catch(() => {
      if (lastKey === key) lastKey = lastSecret = undefined;
    });
    return key;
  };
  return {
    sha256Hex: async (data) => hex(await subtle.digest('SHA-256', bytes(data))),
    hmacSha256Hex: async (key, data) => hex(await subtle.sign('HMAC', await keyFor(key), encoder.encode(data))),
  };
}
