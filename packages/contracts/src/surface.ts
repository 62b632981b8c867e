import * as v from 'valibot';
import { SURFACES } from './vocabulary/surfaces.js';

// No request states its surface: the surface is the credential's (a token is issued for
// `cli` or `dashboard`), and the server ignores an X-Kici-Surface header.
export const SurfaceSchema = v.picklist(SURFACES, `surface: expected ${SURFACES.join(' or ')}`);
