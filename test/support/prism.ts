// Starts a real Prism (mock or proxy) on a free loopback port and stops it, process group and
// all, whatever happens to the test.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { root } from './paths.js';

const PRISM = path.join(root, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');

export interface PrismServer {
  url: string;
  port: number;
  /** Everything Prism printed (for messages when a test fails). */
  output: () => string;
  stop: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * @param args e.g. ['mock', 'generated/vpcep/openapi.json'] or ['proxy', spec, upstream, '--errors']
 */
export async function startPrism(args: string[], { timeoutMs = 30_000 } = {}): Promise<PrismServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [PRISM, ...args, '-h', '127.0.0.1', '-p', String(port)], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const stop = () => stopProcess(child);
  process.once('exit', () => killGroup(child));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilListening(child, () => log, timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, output: () => log, stop };
}

async function waitUntilListening(child: ChildProcess, log: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Prism exited with ${child.exitCode}:\n${log()}`);
    if (/Prism is listening on/.test(log())) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Prism did not start within ${timeoutMs} ms:\n${log()}`);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
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
