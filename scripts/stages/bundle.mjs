// Stage "bundle": one self-contained OpenAPI document per service, as JSON and YAML.
import { stringify } from 'yaml';
import { bundleService, describeProblems } from '../lib/redocly.mjs';
import { addFile } from '../lib/context.mjs';
import { jsonWithHeader, withHeader } from '../lib/header.mjs';
import { specSources } from '../lib/sources.mjs';
import { formatLoadError } from './lint.mjs';

export async function runBundle(ctx) {
  await Promise.all(
    ctx.services.map(async (service) => {
      let result;
      try {
        result = await bundleService(ctx.config, service);
      } catch (error) {
        throw new Error(`bundle ${service.name}: ${formatLoadError(error, ctx.root)}`);
      }
      const errors = result.problems.filter((p) => p.severity === 'error');
      if (errors.length > 0) {
        throw new Error(`bundle ${service.name} failed:\n  ${describeProblems(errors, ctx.root).join('\n  ')}`);
      }
      const doc = result.bundle.parsed;
      ctx.bundles.set(service.name, doc);
      const sources = specSources(ctx, service);
      addFile(ctx, `generated/${service.name}/openapi.json`, jsonWithHeader(sources, doc));
      addFile(ctx, `generated/${service.name}/openapi.yaml`, withHeader('yaml', sources, stringify(doc, { lineWidth: 0 })));
    }),
  );
}
