// The app's own route table, read from src/routes.tsx as text: importing it
// would pull the React pages into the test runner.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { webDir } from './harness';

const source = readFileSync(join(webDir, 'src', 'routes.tsx'), 'utf8');

/** appPaths is every path in appRoutes, in order (`/standards/:id` and so on). */
export const appPaths: readonly string[] = Array.from(source.matchAll(/\{\s*path:\s*'([^']+)'/g), (m) => m[1] ?? '');
