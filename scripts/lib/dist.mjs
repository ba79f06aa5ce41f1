// What the package build copies rather than compiles: the validators, generated as JavaScript
// with their declarations beside them (tsconfig.build.json leaves them out).
import fs from 'node:fs';
import path from 'node:path';

const COPIED = ['validators.js', 'validators.d.ts'];

/** Copies each service's generated JavaScript from `generatedDir` into `<esmDir>/generated/<service>/`. */
export function copyGeneratedJs(generatedDir, esmDir) {
  for (const service of fs.readdirSync(generatedDir)) {
    for (const file of COPIED) {
      const from = path.join(generatedDir, service, file);
      if (!fs.existsSync(from)) continue;
      fs.mkdirSync(path.join(esmDir, 'generated', service), { recursive: true });
      fs.copyFileSync(from, path.join(esmDir, 'generated', service, file));
    }
  }
}
