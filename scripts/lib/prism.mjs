// Starts real Prism processes (mock or proxy) on free loopback ports and stops them, process
// group and all: on stop(), on process exit and on SIGINT/SIGTERM/SIGHUP. Used by the tests'
// globalSetup, `npm run mock` and `npm run contract`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './context.mjs';
import { prismView } from './media-check.mjs';
import { startMockFront } from './mock-front.mjs';

const PRISM_CLI = path.join(repoRoot, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');
/** Characters of Prism's output kept for error messages (a long fuzz run must not grow memory). */
const LOG_LIMIT = 256 * 1024;
const SIGNALS = /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP']);

/**
 * @typedef {object} PrismServer
 * @property {string} url  e.g. http://127.0.0.1:41234
 * @property {number} port
 * @property {number} pid  the process (and process group) id
 * @property {() => string} output  the last part of everything Prism printed
 * @property {() => Promise<void>} stop
 */

/** Every Prism child still running, so a signal or exit can kill them all synchronously. */
const live = new Set();
/** Children this process asked to stop: their exit is no crash. */
const stopped = new WeakSet();

/** The services with a generated spec: generated/<service>/openapi.json. */
export function generatedServices(root = repoRoot) {
  const dir = path.join(root, 'generated');
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, 'openapi.json')))
    .map((entry) => entry.name)
    .sort();
}

/** The arguments of a static mock of one service (examples first, no invented properties). */
export function mockArgs(service) {
  // Prism's view of the spec: bodies with several media types are checked by the front instead.
  return ['mock', prismView(service, path.join(repoRoot, 'generated', service, 'openapi.json')), '--json-schema-faker-fillProperties=false'];
}

/** @returns {Promise<number>} a port that was free on 127.0.0.1 a moment ago */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts Prism and resolves once it answers HTTP.
 * @param {string[]} args e.g. mockArgs('vpcep') or ['proxy', spec, upstream]
 * @param {{ timeoutMs?: number, verbose?: string, attempts?: number }} [options]
 * @returns {Promise<PrismServer>}
 */
export async function startPrism(args, { timeoutMs = 30_000, verbose = 'info', attempts = 3, port } = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(args, { timeoutMs, verbose, port });
    } catch (error) {
      // Another process may take the free port between freePort() and Prism's listen().
      if (port !== undefined || attempt >= attempts || !/EADDRINUSE/.test(String(error))) throw error;
    }
  }
}

async function startOnce(args, { timeoutMs, verbose, port: fixedPort }) {
  installCleanup();
  const port = fixedPort ?? (await freePort());
  const child = spawn(process.execPath, [PRISM_CLI, ...args, '-h', '127.0.0.1', '-p', String(port), '-v', verbose], {
    cwd: repoRoot,
    detached: true, // its own process group: stop() kills whatever Prism started
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  live.add(child);
  let log = '';
  const append = (chunk) => {
    log += chunk;
    if (log.length > LOG_LIMIT * 2) log = log.slice(-LOG_LIMIT);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const url = `http://127.0.0.1:${port}`;
  child.once('exit', (code, signal) => {
    live.delete(child);
    // A crash mid-run would otherwise only show as "connection refused" in whatever used it.
    if (!stopped.has(child) && answered) console.error(`Prism on ${url} (${args.join(' ')}) exited unexpectedly (${code ?? signal}):\n${log.slice(-4000)}`);
  });
  let answered = false;
  const server = {
    url,
    port,
    pid: child.pid,
    output: () => log,
    stop: () => stopChild(child),
  };
  try {
    await waitUntilAnswering(child, url, () => log, timeoutMs);
    answered = true;
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** Any HTTP answer (Prism says 404 for `/`) means it is up. */
async function waitUntilAnswering(child, url, log, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Prism exited (${child.exitCode ?? child.signalCode}) before answering:\n${log()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.body?.cancel();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`Prism did not answer on ${url} within ${timeoutMs} ms:\n${log()}`);
}

function killGroup(child, signal = 'SIGTERM') {
  stopped.add(child);
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    killGroup(child);
  });
}

/** Kills every Prism this process started (synchronous: safe in 'exit' and signal handlers). */
export function killAllPrism() {
  for (const child of live) killGroup(child);
}

let installed = false;

/**
 * On exit or a signal, no Prism may outlive this process. Listening to a signal cancels Node's
 * default of exiting, so when nobody else listens (npm run mock and contract do, and Vitest
 * has already scheduled its exit) this exits the way Node would have.
 */
function installCleanup() {
  if (installed) return;
  installed = true;
  process.on('exit', killAllPrism);
  for (const signal of SIGNALS) {
    process.on(signal, () => {
      killAllPrism();
      if (process.listenerCount(signal) <= 1) process.exit(128 + os.constants.signals[signal]);
    });
  }
}

/**
 * One static mock per service, started in parallel, each behind a front relay
 * (scripts/lib/mock-front.mjs) that adds what Prism cannot do alone. `urls` are the fronts.
 * @param {{ services?: string[], verbose?: string, ports?: Record<string, number> }} [options] ports: fixed ports of the fronts by service (default: free ones)
 * @returns {Promise<{ urls: Record<string, string>, servers: Record<string, PrismServer>, stop: () => Promise<void> }>}
 */
export async function startMocks({ services = generatedServices(), verbose = 'info', ports = {} } = {}) {
  const results = await Promise.allSettled(
    services.map(async (service) => {
      const prism = await startPrism(mockArgs(service), { verbose });
      try {
        return { prism, front: await startMockFront({ service, upstream: prism.url, port: ports[service] }) };
      } catch (error) {
        await prism.stop();
        throw error;
      }
    }),
  );
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const stop = async () => {
    await Promise.all(started.flatMap((s) => [s.front.stop(), s.prism.stop()]));
  };
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) {
    await stop();
    throw /** @type {PromiseRejectedResult} */ (failed).reason;
  }
  const servers = Object.fromEntries(services.map((service, i) => [service, started[i].prism]));
  const urls = Object.fromEntries(services.map((service, i) => [service, started[i].front.url]));
  return { urls, servers, stop };
}
