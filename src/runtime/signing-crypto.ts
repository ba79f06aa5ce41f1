// The two hash primitives AK/SK signing needs, behind one interface so the signer runs on
// Node's synchronous crypto (fast) and on Web Crypto (browsers, edge runtimes) alike.
import { ConfigurationError } from './errors.js';
import { nodeSigningCrypto } from './signing-crypto-node.js';
import { webSigningCrypto } from './signing-crypto-web.js';

/** Hex SHA-256 and HMAC-SHA256; a plain string when the platform computes it synchronously. */
export interface SigningCrypto {
  sha256Hex(data: string | Uint8Array): string | Promise<string>;
  hmacSha256Hex(key: string, data: string): string | Promise<string>;
}

let selected: SigningCrypto | undefined;

/** Node's crypto where the runtime has it, else Web Crypto; chosen once, on first use. */
export function signingCrypto(): SigningCrypto {
  selected ??= nodeSigningCrypto() ?? webSigningCrypto();
  if (!selected) {
    throw new ConfigurationError(
      'AK/SK signing needs Web Crypto (crypto.subtle), which this runtime does not provide. ' +
        'Browsers offer it only to pages served over https or from localhost; or use token auth.',
    );
  }
  return selected;
}
