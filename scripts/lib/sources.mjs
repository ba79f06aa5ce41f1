// Which repo files a service's outputs derive from, for the generated-file headers.
import path from 'node:path';

export function specSources(ctx, service) {
  return [path.relative(ctx.root, service.root).split(path.sep).join('/') + ' (and the files it references)'];
}
