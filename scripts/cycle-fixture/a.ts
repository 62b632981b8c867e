// A fixture for scripts/check-cycles.mjs: a.ts and b.ts import each other on purpose.
import { b } from './b.js';

export const a = (): string => `a${b.length}`;
