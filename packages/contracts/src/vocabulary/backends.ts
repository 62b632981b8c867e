/**
 * The built-in backend: secrets sealed in PostgreSQL. A bare scope (`production`) names one of
 * its scopes (`pg:production`); no registered backend may take its name.
 */
export const BUILT_IN_BACKEND = 'pg';
