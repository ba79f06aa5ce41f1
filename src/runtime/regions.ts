// Which spec server serves a region, and what to suggest when none does. Only a host label that
// is a region name counts ("eu", "vpcep" or "myhuaweicloud" never match a region).
import { ConfigurationError } from './errors.js';
import { normaliseBaseUrl, resolveBaseUrl, type ServerTemplate } from './endpoints.js';

export const REGION_SHAPE = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Lets a region the spec does not list yet through (still shape-checked): `region: { unlisted: 'xx-new-1' }`. */
export interface UnlistedRegion {
  unlisted: string;
}

function regionLabel(url: string): string | undefined {
  try {
    return new URL(url).hostname.split('.').find((label) => REGION_SHAPE.test(label));
  } catch {
    return undefined;
  }
}

/** Every region some server of the spec serves, in spec order. */
export function regionsOf(servers: readonly ServerTemplate[]): string[] {
  const out = new Set<string>();
  for (const s of servers) {
    if (!s.url.includes('{')) {
      const label = regionLabel(s.url);
      if (label) out.add(label);
    }
    for (const r of s.variables?.['region']?.enum ?? []) out.add(r);
  }
  return [...out];
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = here;
    }
  }
  return row[b.length]!;
}

/** The valid value closest to `value` (edit distance), for "did you mean" hints. */
export function closest(value: string, valid: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const v of valid) {
    const d = distance(value.toLowerCase(), v);
    if (d < bestD) {
      best = v;
      bestD = d;
    }
  }
  return best;
}

const show = (v: string) => JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);

export interface HostInput {
  region?: string | UnlistedRegion | undefined;
  /** Non-region server variables by name (`cluster_id`), with the client option that fills each. */
  variables: Record<string, { value: string | undefined; option: string }>;
}

/**
 * The base URL for `input`: the first server serving the region (a fixed host whose region
 * label matches, or a template whose region enum lists it). Spec defaults of other variables
 * (the CCE cluster placeholder) are never used: those must come from the options.
 */
export function resolveHost(label: string, servers: readonly ServerTemplate[], input: HostInput): string {
  if (servers.length === 0) throw new ConfigurationError(`${label}: the spec declares no server`);
  const unlisted = typeof input.region === 'object' && input.region !== null ? input.region.unlisted : undefined;
  const templated = servers.find((s) => s.url.includes('{region}'));
  const region = unlisted ?? (input.region as string | undefined) ?? templated?.variables['region']?.default;
  let server: ServerTemplate | undefined;
  if (unlisted !== undefined) {
    if (!templated) throw new ConfigurationError(`${label}: the spec has no regional host template for an unlisted region`);
    // Keep the template, drop its enum: the shape check in resolveBaseUrl still applies.
    const { enum: _drop, ...regionVar } = templated.variables['region'] ?? { default: '' };
    server = { url: templated.url, variables: { ...templated.variables, region: regionVar } };
  } else if (region !== undefined) {
    server = servers.find((s) =>
      s.url.includes('{region}') ? (s.variables['region']?.enum ?? [region]).includes(region) : regionLabel(s.url) === region,
    );
    if (!server) {
      const valid = regionsOf(servers);
      const hint = closest(region, valid);
      throw new ConfigurationError(
        `${label}: unknown region ${show(region)}${hint ? `; did you mean "${hint}"?` : ''} Valid regions: ${valid.join(', ')}. ` +
          'For a region not listed yet pass `region: { unlisted: "<region>" }`, or `baseUrl`.',
      );
    }
  } else {
    server = servers[0]!;
  }
  const values: Record<string, string | undefined> = { region };
  for (const [name, { value, option }] of Object.entries(input.variables)) {
    if (server.url.includes(`{${name}}`) && (value === undefined || value === '')) {
      const example = server.url.replace('{region}', region ?? 'cn-north-4');
      throw new ConfigurationError(`${label}: \`${option}\` is required (the host is ${example}), or pass \`baseUrl\``);
    }
    values[name] = value;
  }
  if (!server.url.includes('{')) return normaliseBaseUrl(server.url);
  return resolveBaseUrl(server, values, label);
}
