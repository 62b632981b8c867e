import * as v from 'valibot';

/**
 * Every mutating request states the surface it comes from, so that the dashboard-write
 * policy can decide whether that surface may perform the operation.
 */
export const SURFACE_HEADER = 'x-kici-surface';
export const SURFACES = ['dashboard', 'cli'] as const;
export type Surface = (typeof SURFACES)[number];

export const SurfaceSchema = v.picklist(SURFACES, `surface: expected ${SURFACES.join(' or ')}`);
