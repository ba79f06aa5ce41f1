// Runs workflow files with Redocly's Arazzo engine (`redocly respect`, in a child process) and
// reads its JSON log: per workflow, per step, the checks and whether they passed.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const CLI = path.join(path.dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

/**
 * @param {{ files: string[], servers: Record<string, string>, inputs?: Record<string, string>,
 *   workflows?: string[], cwd?: string, env?: Record<string, string>, signal?: AbortSignal,
 *   fetchTimeoutMs?: number }} options
 *   servers: source description name -> base URL; inputs: the workflows' inputs (every workflow
 *   gets all of them); workflows: only these workflowIds (default: all)
 * @returns {Promise<{ code: number | null, output: string, results: WorkflowResult[] }>}
 */
export async function runRespect({ files, servers, inputs = {}, workflows = [], cwd = process.cwd(), env = {}, signal, fetchTimeoutMs = 60_000 }) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'respect-'));
  const jsonFile = path.join(dir, 'result.json');
  const args = [CLI, 'respect', ...files, '-J', jsonFile, '--max-fetch-timeout', String(fetchTimeoutMs)];
  for (const [name, url] of Object.entries(servers)) args.push('-S', `${name}=${url}`);
  for (const [name, value] of Object.entries(inputs)) args.push('-i', `${name}=${value}`);
  for (const id of workflows) args.push('-w', id);
  try {
    const child = spawn(process.execPath, args, {
      cwd,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1', FORCE_COLOR: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(signal ? { signal } : {}),
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise((resolve) => {
      child.once('error', () => resolve(null));
      child.once('close', (status) => resolve(status));
    });
    const log = await fs.readFile(jsonFile, 'utf8').then(JSON.parse, () => null);
    return { code, output, results: log ? summarise(log, cwd) : [] };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/**
 * @typedef {{ file: string, workflowId: string, passed: boolean,
 *   steps: { stepId: string, passed: boolean, status?: number, method?: string, url?: string,
 *     failed: { name: string, message: string }[] }[] }} WorkflowResult
 */
function summarise(log, cwd) {
  return Object.entries(log.files ?? {}).flatMap(([file, result]) =>
    (result.executedWorkflows ?? []).map((workflow) => {
      const steps = flattenSteps(workflow.executedSteps ?? []).map((step) => {
        const failed = (step.checks ?? []).filter((c) => !c.passed && c.severity !== 'off' && c.severity !== 'warn').map((c) => ({ name: c.name, message: c.message }));
        return { stepId: step.stepId, passed: failed.length === 0, status: step.response?.statusCode, method: step.request?.method, url: step.request?.url, failed };
      });
      return { file: path.resolve(cwd, file), workflowId: workflow.workflowId, passed: workflow.status === 'success' && steps.every((s) => s.passed), steps };
    }),
  );
}

function flattenSteps(steps) {
  return steps.flatMap((step) => (step.type === 'workflow' ? flattenSteps(step.executedSteps ?? []) : [step]));
}

/** One line per failed check of the results, for a test's or a user's report. */
export function describeFailures(results) {
  return results.flatMap((w) =>
    w.steps.flatMap((s) => s.failed.map((f) => `${w.workflowId} / ${s.stepId} (${s.method?.toUpperCase() ?? '?'} ${s.status ?? 'no answer'}): ${f.name}: ${f.message}`)),
  );
}
