// CHANGELOG.md in Keep a Changelog format: `## [Unreleased]`, `## [0.2.0] - 2026-12-01`, ...
const HEADING = /^##\s+\[([^\]]+)\](?:\s+-\s+(\S+))?\s*$/;

/** [{ version, date, body }] in file order. */
export function parseChangelog(text) {
  const sections = [];
  let current = null;
  for (const line of text.split(/\r?\n/)) {
    const m = HEADING.exec(line);
    if (m) {
      current = { version: m[1].trim(), date: m[2] ?? null, body: [] };
      sections.push(current);
    } else if (/^##\s/.test(line)) current = null;
    else if (current) current.body.push(line);
  }
  return sections.map((s) => ({ ...s, body: s.body.join('\n').trim() }));
}

/** The section of `version` if it lists at least one change (a `-` or `*` bullet). */
export function entryFor(text, version) {
  if (text === null || text === undefined) return null;
  const section = parseChangelog(text).find((s) => s.version === version);
  return section && /^\s*[-*]\s+\S/m.test(section.body) ? section : null;
}
