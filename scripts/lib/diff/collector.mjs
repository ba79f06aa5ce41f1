// Collects diff entries; every entry gets its class from the rule catalogue, so nothing is
// reported unclassified.
import { classOf } from './rules.mjs';

export function createCollector(service) {
  const entries = [];
  const seen = new Set();
  return {
    entries,
    /**
     * @param {string} rule
     * @param {{ operation?: { id: string | null, method: string, path: string } | null, location: string, message: string }} change
     */
    add(rule, { operation = null, location, message }) {
      const key = `${operation?.id ?? ''}\u0000${operation?.method ?? ''}\u0000${location}\u0000${rule}\u0000${message}`;
      if (seen.has(key)) return;
      seen.add(key);
      entries.push({
        service,
        operation: operation?.id ?? null,
        method: operation?.method?.toUpperCase() ?? null,
        path: operation?.path ?? null,
        location,
        rule,
        class: classOf(rule),
        message,
      });
    },
  };
}
