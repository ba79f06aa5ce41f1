// Prism for tests: the same start/stop code as `npm run mock` and `npm run contract`.
export { freePort, generatedServices, killAllPrism, mockArgs, startMocks, startPrism } from '../../scripts/lib/prism.mjs';
export type { PrismServer } from '../../scripts/lib/prism.mjs';
