// Vitest globalSetup: one Prism mock per service for the whole run, its URL handed to the tests
// with provide/inject, stopped at the end (and, through scripts/lib/prism.mjs, on exit or signal).
import type { TestProject } from 'vitest/node';
import { startMocks } from '../support/prism.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** service name -> base URL of its Prism mock, e.g. { vpcep: 'http://127.0.0.1:41234' } */
    prismUrls: Record<string, string>;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // 'warn': no log line per request; violations still reach the client in `sl-violations`.
  const mocks = await startMocks({ verbose: 'warn' });
  project.provide('prismUrls', mocks.urls);
  return () => mocks.stop();
}
