// Lint and bundle through Redocly's own library (@redocly/openapi-core), in process: the same
// rules as `redocly lint`, without a CLI start-up per service.
import path from 'node:path';
import { BaseResolver, loadConfig, lint, bundle, getLineColLocation } from '@redocly/openapi-core';

export async function loadRedoclyConfig(root) {
  return loadConfig({ configPath: path.join(root, 'redocly.yaml') });
}

/** The services named under `apis:` in redocly.yaml: [{ name, root (absolute path) }]. */
export function servicesFromConfig(config, root) {
  const apis = config.resolvedConfig?.apis ?? {};
  return Object.entries(apis).map(([name, api]) => ({ name, root: path.resolve(root, api.root) }));
}

/** One resolver per service, shared by lint and bundle: every spec file is read and parsed once. */
const resolvers = new WeakMap();
function resolverFor(config, service) {
  const byRoot = resolvers.get(config) ?? new Map();
  resolvers.set(config, byRoot);
  if (!byRoot.has(service.root)) byRoot.set(service.root, new BaseResolver(config.resolve));
  return byRoot.get(service.root);
}

export function lintService(config, service) {
  return lint({ ref: service.root, config: config.forAlias(service.name), externalRefResolver: resolverFor(config, service) });
}

export function bundleService(config, service) {
  return bundle({
    ref: service.root,
    config: config.forAlias(service.name),
    dereference: false,
    externalRefResolver: resolverFor(config, service),
  });
}

/** Each problem as `file:line:col severity [rule] message (pointer)`. */
export function describeProblems(problems, root) {
  return problems.map((problem) => {
    const loc = problem.location?.[0];
    let where = '<unknown location>';
    if (loc?.source) {
      where = path.relative(root, loc.source.absoluteRef);
      try {
        const { start } = getLineColLocation(loc);
        where += `:${start.line}:${start.col}`;
      } catch {
        // A location without line information keeps its file and pointer.
      }
      if (loc.pointer) where += ` (${loc.pointer})`;
    }
    return `${where}: ${problem.severity} [${problem.ruleId}] ${problem.message}`;
  });
}
