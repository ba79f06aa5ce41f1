// Reads the parameter tables of the vendor's pages in spec/sources/. The pages come in three
// shapes: HTML tables (000, 002, 003), tables flattened to `cell |` lines (001), and tables
// flattened to one cell per paragraph (004).
import fs from 'node:fs';
import path from 'node:path';

export interface DocParameter {
  /** The table caption or section the row is in (for messages). */
  table: string;
  name: string;
}

const IDENT = /^[A-Za-z][\w.\-]*$/;
const TYPE = /^(String|Integer|Long|Boolean|Number|Float|Double|Object|Array of .+|Map<.+>|\S+ object|\[.+\])$/;
const REQUIRED = /^(是|否|Yes|No|yes|no)$/;

export function readDocParameters(sourcesDir: string, file: string): DocParameter[] {
  const text = fs.readFileSync(path.join(sourcesDir, file), 'utf8');
  if (text.includes('<table')) return fromHtml(text);
  if (/^-{3}\|/m.test(text)) return fromPipes(text);
  return fromParagraphs(text);
}

function stripTags(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/\\_/g, '_')
    .trim();
}

function fromHtml(text: string): DocParameter[] {
  const out: DocParameter[] = [];
  const tables = text.split(/<table/).slice(1);
  const captions = [...text.matchAll(/\*\*表 ?(\d+)\*\*\s*([^\n]*)/g)].map((m) => `表${m[1]} ${m[2]!.trim()}`);
  tables.forEach((table, index) => {
    const body = table.split('</table>')[0]!;
    const header = stripTags(body.match(/<th[\s\S]*?<\/th>/)?.[0] ?? '');
    if (!/参数|名称|Parameter/i.test(header)) return;
    for (const row of body.split(/<tr/).slice(1)) {
      const firstCell = row.match(/<td[\s\S]*?<\/td>/)?.[0];
      if (!firstCell) continue;
      const name = stripTags(firstCell);
      if (IDENT.test(name)) out.push({ table: captions[index] ?? `table ${index + 1}`, name });
    }
  });
  return out;
}

function fromPipes(text: string): DocParameter[] {
  const out: DocParameter[] = [];
  const lines = text.split('\n').map((l) => l.trim());
  let table = 0;
  for (let i = 0; i < lines.length; i++) {
    if (/^-{3}\|/.test(lines[i]!)) table++;
    const match = lines[i]!.match(/^([A-Za-z][\w.\-]*) \|$/);
    if (!match || TYPE.test(match[1]!)) continue;
    const next = (lines[i + 1] ?? '').replace(/ \|$/, '');
    // A row starts with its name followed by the required flag or the type.
    if (table > 0 && (REQUIRED.test(next) || TYPE.test(next) || next === '')) out.push({ table: `table ${table}`, name: match[1]! });
  }
  return out;
}

function fromParagraphs(text: string): DocParameter[] {
  const out: DocParameter[] = [];
  const paragraphs = text.split('\n').map((l) => l.trim()).filter(Boolean);
  let caption = '';
  for (let i = 0; i < paragraphs.length; i++) {
    const line = paragraphs[i]!;
    if (/^表\d+/.test(line)) caption = line;
    if (!caption || !IDENT.test(line) || TYPE.test(line)) continue;
    const next = paragraphs[i + 1] ?? '';
    const afterRequired = REQUIRED.test(next) ? paragraphs[i + 2] ?? '' : next;
    if (TYPE.test(afterRequired)) out.push({ table: caption, name: line });
  }
  return out;
}
