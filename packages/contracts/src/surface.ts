import * as v from 'valibot';
import { SURFACES } from './vocabulary/surfaces.js';

/**
 * Every mutating request states the surface it comes from, so that the dashboard-write
 * policy can decide whether that surface may perform the operation.
 */
export const SURFACE_HEADER = 'x-kici-surface';

export const SurfaceSchema = v.picklist(SURFACES, `surface: expected ${SURFACES.join(' or ')}`);
