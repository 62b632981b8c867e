// A fixture for scripts/check-cycles.mjs: the other half of the circle.
import type { a } from './a.js';

export const b: ReadonlyArray<typeof a> = [];
