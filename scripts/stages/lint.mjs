// Stage "lint": Redocly lint of every service; any error or warning stops the run.
import { describeProblems, lintService } from '../lib/redocly.mjs';

export async function runLint(ctx) {
  const results = await Promise.all(
    ctx.services.map(async (service) => {
      try {
        return await lintService(ctx.config, service);
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
