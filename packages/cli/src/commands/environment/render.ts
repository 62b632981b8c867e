import type { RouteResponse } from '@kici/contracts';
import { printable } from '../../output.js';

export type Environment = RouteResponse<'environments.show'>;

/** A rule list for people: an empty list restricts nothing. */
export const anyIfEmpty = (items: readonly string[]): string =>
  items.length === 0 ? 'any' : items.join(', ');

/**
 * One environment, as `show`, `create`, `bind`, `unbind` and `set-policy` print it: a heading
 * (`Environment production (org acme)`, or what the command did), then its rules and scopes.
 */
export function describeEnvironment(environment: Environment, did = 'Environment'): string {
  const { rules, scopes } = environment;
  const rows: [string, string][] = [
    ['Branches', anyIfEmpty(rules.branches)],
    ['Triggers', anyIfEmpty(rules.triggers)],
    ['Repositories', anyIfEmpty(rules.repositories)],
    ['Forks', rules.allowForks ? 'allowed' : 'not allowed'],
    [
      'Test runs',
      `${environment.allowLocalExecution ? 'allowed' : 'not allowed'} (allowLocalExecution ${environment.allowLocalExecution})`,
    ],
    ...(scopes.length === 0
      ? [['Scopes', 'none bound: jobs get no secrets from this environment'] as [string, string]]
      : scopes.map((scope, i): [string, string] => [
          i === 0 ? 'Scopes' : '',
          `${i + 1}. ${scope}`,
        ])),
    ['Created', `${environment.createdAt} by ${environment.createdBy}`],
    ['Updated', `${environment.updatedAt} by ${environment.updatedBy}`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    `${did} ${environment.name} (org ${environment.orgId})`,
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${printable(value)}`),
  ].join('\n');
}
