// `npm test`'s configuration plus the per-file CPU probe of `npm run bench -- tests`.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../vitest.config.js';

export default mergeConfig(base, defineConfig({ test: { setupFiles: ['bench/test-cpu.setup.ts'] } }));
