// The text `npm run contract -- --checks` prints. Findings that differ only in the request are
// printed once, with how many requests got the same; every line is scrubbed of the secrets
// (a server may echo a token into anything).

/** `GET /v1/p/vpc-endpoints?limit=1001` */
export function requestLine(request) {
  return request ? `${request.method} ${request.path}${request.query}` : '';
}

/** One block per distinct finding: `✗ negative ListEndpoints GET /v1/...?limit=x -> 200` and its field. */
export function formatFindings(findings, mark = '✗') {
  const groups = new Map();
  for (const f of findings) {
    const key = [f.check, f.operation, f.status, f.field, f.message].join('\u0000');
    const group = groups.get(key);
    if (group) group.more++;
    else groups.set(key, { first: f, more: 0 });
  }
  return [...groups.values()].map(({ first: f, more }) => {
    const head = `${mark} ${f.check} ${f.operation}${f.request ? ` ${requestLine(f.request)} -> ${f.status}` : ''}`;
    return `${head}\n    ${f.field}: ${f.message}${more > 0 ? ` (and ${more} more request(s) like it)` : ''}`;
  });
}

export function formatSummary(service, result) {
  const lines = [];
  const byReason = new Map();
  for (const s of result.skipped) byReason.set(s.why, [...(byReason.get(s.why) ?? []), s.operation]);
  for (const [why, operations] of byReason) lines.push(`  skipped ${operations.join(', ')}: ${why}`);
  if (result.notes.length > 0) lines.push(...formatFindings(result.notes, 'note'));
  if (result.findings.length > 0) lines.push(...formatFindings(result.findings));
  lines.push(`contract --checks: ${result.requests} request(s) to the ${service} server, ${result.findings.length} finding(s), ${result.notes.length} note(s)`);
  return lines.join('\n');
}

/** Every occurrence of a secret (and its percent-encoded form) replaced. */
export function redact(text, secrets) {
  let out = text;
  for (const secret of secrets.filter((s) => s && s.length >= 4)) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join('[redacted]');
  }
  return out;
}
