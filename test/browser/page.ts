// The browser page's script, bundled by esbuild for `platform: browser` straight from the
// generated TypeScript: what a web console importing the VPCEP client ships.
import { ApiError, createVpcepClient } from '../../generated/vpcep/index.js';

const sdk = { ApiError, createVpcepClient };
export type PageSdk = typeof sdk;

(globalThis as { huaweicloudSdk?: PageSdk }).huaweicloudSdk = sdk;
document.body.dataset['sdk'] = 'ready';
