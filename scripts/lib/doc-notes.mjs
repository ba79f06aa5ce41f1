// What the docs add to a bundle for readers, per language: a link to the readable ledger page from
// every object carrying `x-ledger: [ids]`, and a note on every field with `x-page-required: true`
// (the vendor's page calls it required, the server does not). Ids never appear in the text: the
// link text is the entry's title (or a generic label), the id is only the anchor.
import { ledgerAnchor } from './ledger-page.mjs';

export const NOTE_TEXT = {
  en: {
    pageRequired: "The vendor's page marks this field required; the server does not require it.",
    ledger: 'How this differs from the vendor\'s page',
  },
  'zh-CN': {
    pageRequired: '厂商页面将此字段标为必填，但服务端并不要求提供。',
    ledger: '此处与厂商页面的差异及处理说明',
  },
};

/**
 * A copy of `doc` with the notes appended to the descriptions.
 * @param {Map<string, { title: string }>} entries ledger id -> entry (every service's)
 */
export function withReaderNotes(doc, language, entries, ledgerHref) {
  const text = NOTE_TEXT[language];
  const copy = structuredClone(doc);
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const notes = [];
    if (node['x-page-required'] === true) notes.push(`*${text.pageRequired}*`);
    const ids = [].concat(node['x-ledger'] ?? []);
    const hrefs = ids.map((id) => {
      if (!entries.has(id)) throw new Error(`x-ledger names ${id}, which no ledger (spec/<service>/discrepancies.yaml) has`);
      return `${ledgerHref}#${ledgerAnchor(id)}`;
    });
    if (hrefs.length && language === 'en') {
      notes.push(`${text.ledger}: ${hrefs.map((href, i) => `[${escapeMarkdown(entries.get(ids[i]).title)}](${href})`).join('; ')}.`);
    } else if (hrefs.length === 1) {
      notes.push(`[${text.ledger}](${hrefs[0]})`);
    } else if (hrefs.length > 1) {
      notes.push(`${text.ledger}：${hrefs.map((href, i) => `[${i + 1}](${href})`).join('、')}`);
    }
    if (notes.length) node.description = [node.description, ...notes].filter(Boolean).join('\n\n');
    for (const [key, value] of Object.entries(node)) if (!key.startsWith('x-')) visit(value);
  };
  visit(copy);
  return copy;
}

function escapeMarkdown(text) {
  return text.replace(/([\[\]\\*_`])/g, '\\$1');
}
