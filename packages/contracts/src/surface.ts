import * as v from 'valibot';
import { SURFACES } from './vocabulary/surfaces.js';

/**
 * The header older clients sent to state their surface. The server ignores it: the surface
 * is the credential's (a token is issued for `cli` or `dashboard`), never the request's.
 */
export const SURFACE_HEADER = 'x-kici-surface';

export const SurfaceSchema = v.picklist(SURFACES, `surface: expected ${SURFACES.join(' or ')}`);
