// Base URL resolution from an OpenAPI server object (`https://vpcep.{region}.myhuaweicloud.com`).
import { ConfigurationError } from './errors.js';

export interface ServerTemplate {
  url: string;
  variables: Record<string, { default: string; enum?: readonly string[]; description?: string }>;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
// Anything substituted into a URL must not add a path, query, port, userinfo or fragment.
const URL_SAFE = /^[A-Za-z0-9._~-]+$/;
const VAR = /\{([^{}]+)\}/g;

function shape(name: string, value: string): string | undefined {
  if (/region/i.test(name)) return REGION.test(value) ? undefined : 'a region name like "cn-north-4"';
  if (/cluster/i.test(name)) return DNS_LABEL.test(value) ? undefined : 'a DNS label (a-z, 0-9, "-")';
  return URL_SAFE.test(value) ? undefined : 'letters, digits, ".", "_", "~" or "-"';
}

// Values are configuration, not secrets, but keep them short and printable in messages.
const show = (v: string) => JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);

/** Fills `{var}` from `values` or the defaults and returns a normalised base URL. */
export function resolveBaseUrl(
  server: ServerTemplate,
  values: Record<string, string | undefined>,
  service: string,
): string {
  const url = server.url.replace(VAR, (_m, name: string) => {
    const spec = server.variables[name];
    const value = values[name] ?? spec?.default ?? '';
    if (value === '') {
      throw new ConfigurationError(`${service}: server variable "${name}" is required`);
    }
    if (spec?.enum && spec.enum.length > 0 && !spec.enum.includes(value)) {
      const few = spec.enum.slice(0, 5).join(', ') + (spec.enum.length > 5 ? ', …' : '');
      throw new ConfigurationError(`${service}: unknown ${name} ${show(value)}; valid values include ${few}`);
    }
    const expected = shape(name, value);
    if (expected) {
      throw new ConfigurationError(`${service}: malformed ${name} ${show(value)}; expected ${expected}`);
    }
    return value;
  });
  return normaliseBaseUrl(url);
}

/** Validates an http(s) base URL and strips trailing slashes. */
export function normaliseBaseUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    // Not echoed: an unparsable URL might still carry credentials.
    throw new ConfigurationError('Invalid base URL');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw new ConfigurationError(`Base URL must use http or https, not ${show(u.protocol)}`);
  }
  // Credentials, query and fragment have no place in a base URL (and must not be logged).
  if (u.username || u.password) throw new ConfigurationError('Base URL must not contain credentials');
  if (u.search || u.hash) throw new ConfigurationError('Base URL must not contain a query or fragment');
  return (u.origin + u.pathname).replace(/\/+$/, '');
}
