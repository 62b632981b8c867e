import {
  BranchPatternsSchema,
  RepositoryPatternsSchema,
  ScopeSchema,
  TriggersSchema,
} from '@kici/contracts';
import { UsageError } from '../../errors.js';
import type { Flags } from '../../flags.js';
import { checkFlag } from '../../validate.js';

/**
 * A comma-separated, repeatable list flag (`--branches main,release/*`, `--scope a --scope b`),
 * in order: undefined when the flag is absent, [] when it is given empty (`--branches ''`).
 */
function listFlag(flags: Flags, name: string): string[] | undefined {
  const given = flags.list(name);
  if (given.length === 0) return undefined;
  return given
    .flatMap((value) => value.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export interface RuleFlags {
  branches?: string[];
  triggers?: string[];
  repositories?: string[];
}

/** `--branches`, `--triggers`, `--repos`: only the lists given, each validated. */
export function ruleFlags(flags: Flags): RuleFlags {
  const rules: RuleFlags = {};
  const branches = listFlag(flags, 'branches');
  const triggers = listFlag(flags, 'triggers');
  const repositories = listFlag(flags, 'repos');
  if (branches) rules.branches = checkFlag('--branches', BranchPatternsSchema, branches);
  if (triggers) rules.triggers = checkFlag('--triggers', TriggersSchema, triggers);
  if (repositories) {
    rules.repositories = checkFlag('--repos', RepositoryPatternsSchema, repositories);
  }
  return rules;
}

/** Scopes in binding order, canonical (`production` → `pg:production`). */
export function scopeFlags(flags: Flags): string[] {
  return (listFlag(flags, 'scope') ?? []).map((scope) => checkFlag('--scope', ScopeSchema, scope));
}

/** `--allow-forks true|false` as set-policy takes it: undefined when absent. */
export function trueOrFalse(flags: Flags, name: string): boolean | undefined {
  const value = flags.string(name);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') {
    throw new UsageError(`--${name}: expected true or false`);
  }
  return value === 'true';
}

/** A switch (`--allow-forks`) that may also be spelled `--allow-forks true|false`. */
export function switchFlag(flags: Flags, name: string): boolean {
  try {
    return flags.bool(name);
  } catch {
    throw new UsageError(`--${name}: expected no value, or true or false`);
  }
}
