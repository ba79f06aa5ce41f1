// Stage "i18n": every service's bundle in every translated language, from the English bundle and
// spec/<service>/i18n/<language>.yaml. A missing or stale translation stops the run, naming the
// translation file and the field, so a translation can never silently fall behind its English.
import { stringify } from 'yaml';
import { addFile } from '../lib/context.mjs';
import { jsonWithHeader, withHeader } from '../lib/header.mjs';
import { specSources } from '../lib/sources.mjs';
import { checkTranslations, withTexts } from '../lib/i18n.mjs';

export async function runI18n(ctx) {
  const results = await checkTranslations(ctx.root, ctx.services, ctx.bundles);
  /** service name -> language -> translated bundle (English is ctx.bundles) */
  ctx.localized = new Map();
  for (const { service, language, rel, translated } of results.values()) {
    const doc = { ...withTexts(ctx.bundles.get(service.name), translated), 'x-language': language };
    if (!ctx.localized.has(service.name)) ctx.localized.set(service.name, new Map());
    ctx.localized.get(service.name).set(language, doc);
    const sources = [...specSources(ctx, service), rel];
    addFile(ctx, `generated/${service.name}/openapi.${language}.json`, jsonWithHeader(sources, doc));
    addFile(ctx, `generated/${service.name}/openapi.${language}.yaml`, withHeader('yaml', sources, stringify(doc, { lineWidth: 0 })));
  }
}
