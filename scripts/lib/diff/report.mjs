// The diff as readable text, Markdown or JSON.
import { BREAKING, CLASSES, DOC_ONLY, NON_BREAKING } from './rules.mjs';

const LABEL = { [BREAKING]: 'BREAKING', [NON_BREAKING]: 'non-breaking', [DOC_ONLY]: 'doc-only' };
const countText = (counts) => CLASSES.map((c) => `${counts[c] ?? 0} ${c}`).join(', ');
const operationText = (e) => (e.operation ? `${e.operation} (${e.method} ${e.path})` : '(service-wide)');

function perService(result) {
  return result.services.map((service) => {
    const entries = result.entries.filter((e) => e.service === service);
    const counts = Object.fromEntries(CLASSES.map((c) => [c, entries.filter((e) => e.class === c).length]));
    return { service, entries, counts };
  });
}

export function formatText(result, { base, head }) {
  const lines = [`Spec diff ${base.label} -> ${head.label}: ${countText(result.counts)}`];
  for (const { service, entries, counts } of perService(result)) {
    lines.push('', entries.length ? `${service}: ${countText(counts)}` : `${service}: no changes`);
    for (const e of entries) {
      lines.push(`  ${LABEL[e.class].padEnd(12)} ${e.rule}  ${operationText(e)}`, `               ${e.message}`, `               at ${e.location || '/'}`);
    }
  }
  return lines.join('\n');
}

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function formatMarkdown(result, { base, head }) {
  const lines = [`## Spec diff \`${base.label}\` → \`${head.label}\``, '', `**${countText(result.counts)}**`, ''];
  lines.push('| service | breaking | non-breaking | doc-only |', '| --- | ---: | ---: | ---: |');
  const groups = perService(result);
  for (const { service, counts } of groups) lines.push(`| ${service} | ${counts[BREAKING]} | ${counts[NON_BREAKING]} | ${counts[DOC_ONLY]} |`);
  for (const { service, entries } of groups) {
    if (!entries.length) continue;
    lines.push('', `### ${service}`, '', '| class | operation | rule | change | location |', '| --- | --- | --- | --- | --- |');
    for (const e of entries) lines.push(`| ${e.class === BREAKING ? '**breaking**' : e.class} | ${cell(operationText(e))} | \`${e.rule}\` | ${cell(e.message)} | \`${cell(e.location || '/')}\` |`);
  }
  return lines.join('\n');
}

export function formatJson(result, { base, head }) {
  return JSON.stringify({ base, head, counts: result.counts, breaking: result.breaking, services: result.services, entries: result.entries }, null, 2);
}
