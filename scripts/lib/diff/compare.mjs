// Diff of every service between two sets of bundles; entries sorted for stable output.
import { compareService } from './service.mjs';
import { BREAKING, CLASSES } from './rules.mjs';

const ORDER = Object.fromEntries(CLASSES.map((c, i) => [c, i]));

/** @param {Map<string, object>} before @param {Map<string, object>} after */
export function diffBundles(before, after) {
  const services = [...new Set([...before.keys(), ...after.keys()])].sort();
  const entries = services.flatMap((name) => compareService(name, before.get(name), after.get(name)));
  entries.sort((x, y) => x.service.localeCompare(y.service) || ORDER[x.class] - ORDER[y.class] || (x.operation ?? '').localeCompare(y.operation ?? '') || x.location.localeCompare(y.location) || x.rule.localeCompare(y.rule));
  const counts = Object.fromEntries(CLASSES.map((c) => [c, entries.filter((e) => e.class === c).length]));
  return { services, entries, counts, breaking: counts[BREAKING] > 0 };
}
