import { SURFACES, type Surface } from '@kici/contracts';
import { UsageError } from '../../errors.js';

const EXPECTED = `expected ${SURFACES.join(', ')} or both comma-separated (cli,dashboard), or none`;

/** `cli`, `dashboard`, `cli,dashboard` (either order) or `none`; each surface once. */
export function parseSurfaces(text: string): Surface[] {
  if (text.trim() === 'none') return [];
  const surfaces = text.split(',').map((item) => item.trim());
  if (!surfaces.every((s): s is Surface => (SURFACES as readonly string[]).includes(s))) {
    throw new UsageError(`surfaces: ${EXPECTED}`);
  }
  if (new Set(surfaces).size !== surfaces.length) {
    throw new UsageError('surfaces: expected each surface once');
  }
  return surfaces;
}

/** For people: `dashboard, cli`, or `none` when no surface may write. */
export const surfaceList = (surfaces: readonly string[]): string =>
  surfaces.length === 0 ? 'none' : surfaces.join(', ');
