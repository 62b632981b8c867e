import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

// The tests read the built site (dist/): turbo runs `build` before `test` (turbo.json).
export default mergeConfig(shared, defineConfig({}));
