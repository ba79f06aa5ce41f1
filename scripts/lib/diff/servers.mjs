// Servers: a URL callers can no longer use, or a variable value (a region) that is gone.
import { child } from './pointer.mjs';
import { annotationsOf } from './annotations.mjs';

export function compareServers(oldList = [], newList = [], pointer, label, emit) {
  const byUrl = (list) => new Map(list.map((s, i) => [s.url, { s, i }]));
  const a = byUrl(oldList);
  const b = byUrl(newList);
  for (const [url] of a) if (!b.has(url)) emit('server-removed', pointer, `${label}: server ${url} removed`);
  for (const [url, { s: y, i }] of b) {
    const at = child(pointer, i);
    if (!a.has(url)) {
      emit('server-added', at, `${label}: server ${url} added`);
      continue;
    }
    const x = a.get(url).s;
    annotationsOf(x, y, at, `server ${url}`, emit, ['url', 'variables']);
    for (const [name, vy] of Object.entries(y.variables ?? {})) {
      const vx = x.variables?.[name];
      const vat = child(at, 'variables', name);
      if (!vx) continue; // a URL with a new {variable} is a new URL
      if (vx.default !== vy.default) emit('server-default-changed', child(vat, 'default'), `server ${url}: {${name}} default ${vx.default} -> ${vy.default}`);
      const ex = vx.enum ?? null;
      const ey = vy.enum ?? null;
      const removed = ex === null ? (ey ? ['(any value)'] : []) : ex.filter((v) => ey && !ey.includes(v));
      const added = ey === null ? (ex ? ['(any value)'] : []) : ey.filter((v) => ex && !ex.includes(v));
      if (removed.length) emit('server-variable-narrowed', child(vat, 'enum'), `server ${url}: {${name}} no longer accepts ${removed.join(', ')}`);
      if (added.length) emit('server-variable-widened', child(vat, 'enum'), `server ${url}: {${name}} now accepts ${added.join(', ')}`);
      annotationsOf(vx, vy, vat, `server ${url}: {${name}}`, emit, ['default', 'enum']);
    }
  }
}
