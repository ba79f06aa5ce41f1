// Stage "lint": Redocly lint of every service; any error or warning stops the run.
// A service whose inputs are unchanged since its last successful run is not linted again.
import { findReusableBundle } from './bundle.mjs';

export async function runLint(ctx) {
  const changed = [];
  for (const service of ctx.services) {
    const previous = ctx.reuseSpecs ? await findReusableBundle(ctx, service) : null;
    if (previous) ctx.reusedBundles.set(service.name, previous);
    else changed.push(service);
  }
  const reused = ctx.services.filter((s) => ctx.reusedBundles.has(s.name)).map((s) => s.name);
  if (reused.length > 0) ctx.log(`  lint: ${reused.join(', ')} unchanged since the last run, not linted again`);
  if (changed.length === 0) return;
  const [{ describeProblems, lintService }, config] = await Promise.all([import('../lib/redocly.mjs'), ctx.redoclyConfig()]);
  const results = await Promise.all(
    changed.map(async (service) => {
      try {
        return await lintService(config, service);
      } catch (error) {
        // YAML syntax errors and unreadable files surface as exceptions, not problems.
        throw new Error(`lint ${service.name}: ${formatLoadError(error, ctx.root)}`);
      }
    }),
  );
  const problems = results.flat().filter((p) => p.severity !== 'off');
  if (problems.length > 0) {
    const lines = describeProblems(problems, ctx.root);
    throw new Error(`lint failed with ${problems.length} problem(s):\n  ${lines.join('\n  ')}`);
  }
}

export function formatLoadError(error, root) {
  const source = error?.source?.absoluteRef;
  if (source && error.mark) {
    const rel = source.startsWith(root) ? source.slice(root.length + 1) : source;
    return `${rel}:${error.mark.line + 1}:${error.mark.column + 1}: ${error.reason ?? error.message}`;
  }
  return error?.message ?? String(error);
}
