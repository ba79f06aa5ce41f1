// `npm run lint` for the workflow files: Redocly's Arazzo rules (recommended-strict plus its
// x-security checks) and this project's checks against the spec (check.mjs).
import path from 'node:path';
import { createConfig, lint } from '@redocly/openapi-core';
import { describeProblems } from '../redocly.mjs';
import { workflowFiles } from './catalog.mjs';
import { checkWorkflowFiles } from './check.mjs';

const ARAZZO_CONFIG = {
  extends: ['recommended-strict'],
  arazzo1Rules: {
    'x-security-scheme-name-reference': 'error',
    'x-security-scheme-required-values': 'error',
    'no-x-security-both-scheme-and-scheme-name': 'error',
    'no-x-security-scheme-name-without-openapi': 'error',
  },
};

// One config per repository root: an in-process lint of a sandbox copy must not reuse another's.
const configs = new Map();
/** Redocly's Arazzo rules on one file: one line per problem. */
export async function lintArazzoFile(file, root) {
  if (!configs.has(root)) configs.set(root, createConfig(ARAZZO_CONFIG, { configPath: path.join(root, 'redocly.yaml') }));
  const found = (await lint({ ref: file, config: await configs.get(root) })).filter((p) => p.severity !== 'off');
  return describeProblems(found, root);
}

/**
 * @param {string} root  repository root
 * @param {{ name: string, root: string }[]} services
 * @param {Map<string, any>} bundles  service name -> bundled spec
 * @returns {Promise<{ files: number, problems: string[] }>}
 */
export async function lintWorkflows(root, services, bundles) {
  const files = workflowFiles(services);
  const problems = [];
  for (const { file } of files) problems.push(...(await lintArazzoFile(file, root)));
  const specs = new Map(services.map((s) => [s.name, { root: s.root, doc: bundles.get(s.name) }]));
  problems.push(...checkWorkflowFiles(files, specs, root));
  return { files: files.length, problems };
}
