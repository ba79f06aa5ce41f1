// Stage "i18n": every service's bundle in every translated language, from the English bundle and
// spec/<service>/i18n/<language>.yaml. A missing or stale translation stops the run, naming the
// translation file and the field, so a translation can never silently fall behind its English.
import { stringify } from 'yaml';
import { addFile } from '../lib/context.mjs';
import { jsonWithHeader } from '../lib/header.mjs';
import { specSources } from '../lib/sources.mjs';
import { cachedFile, inputKey, reusable } from '../lib/cache.mjs';
import { checkTranslations, withTexts } from '../lib/i18n.mjs';

export async function runI18n(ctx) {
  const results = await checkTranslations(ctx.root, ctx.services, ctx.bundles);
  /** service name -> language -> translated bundle (English is ctx.bundles) */
  ctx.localized = new Map();
  await Promise.all(
    [...results.values()].map(async ({ service, language, rel, translated }) => {
      const doc = { ...withTexts(ctx.bundles.get(service.name), translated), 'x-language': language };
      if (!ctx.localized.has(service.name)) ctx.localized.set(service.name, new Map());
      ctx.localized.get(service.name).set(language, doc);
      const sources = [...specSources(ctx, service), rel];
      const json = jsonWithHeader(sources, doc);
      addFile(ctx, `generated/${service.name}/openapi.${language}.json`, json);
      // YAML serialisation is the slow part (a few hundred ms per bundle): reused while the JSON is unchanged.
      const yamlRel = `generated/${service.name}/openapi.${language}.yaml`;
      const key = inputKey(json);
      const previous = await reusable(ctx, yamlRel, 'yaml', sources, key);
      addFile(ctx, yamlRel, previous ?? cachedFile('yaml', sources, key, stringify(doc, { lineWidth: 0 })));
    }),
  );
}
