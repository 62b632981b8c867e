import * as v from 'valibot';
import { timestampSchema } from '../datetime.js';
import { ActorSchema, integerAtLeast, OrgIdSchema } from '../fields.js';
import { ScopeSchema } from '../scope.js';

export const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Environment names: like org ids, at most 64 characters. */
export const EnvironmentNameSchema = v.pipe(
  v.string('name: expected a string'),
  v.regex(
    ENVIRONMENT_NAME,
    'name: expected 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit',
  ),
);

const pattern = (field: string) =>
  v.pipe(
    v.string(`${field}: expected a string`),
    v.regex(
      /^[\x21-\x7e]{1,200}$/,
      `${field}: expected a glob of 1-200 printable characters without spaces (e.g. main, release/*)`,
    ),
  );

export const TriggerSchema = v.pipe(
  v.string('triggers: expected a string'),
  v.regex(
    /^[a-z][a-z_]{0,39}$/,
    'triggers: expected trigger types such as push, pull_request, schedule, manual, tag',
  ),
);

const patterns = (field: string, item: v.GenericSchema<string, string>) =>
  v.pipe(
    v.array(item, `${field}: expected a list`),
    v.maxLength(100, `${field}: expected at most 100 entries`),
  );

export const BranchPatternsSchema = patterns('branches', pattern('branches'));
export const TriggersSchema = patterns('triggers', TriggerSchema);
export const RepositoryPatternsSchema = patterns('repositories', pattern('repositories'));

const ruleFields = {
  branches: v.optional(BranchPatternsSchema),
  triggers: v.optional(TriggersSchema),
  repositories: v.optional(RepositoryPatternsSchema),
  allowForks: v.optional(v.boolean('allowForks: expected true or false')),
  allowLocalExecution: v.optional(v.boolean('allowLocalExecution: expected true or false')),
};

export const EnvironmentParamsSchema = v.strictObject({
  orgId: OrgIdSchema,
  name: EnvironmentNameSchema,
});
export const OrgParamsSchema = v.strictObject({ orgId: OrgIdSchema });
export const ListEnvironmentsQuerySchema = v.strictObject({ orgId: OrgIdSchema });

/** POST /environments/:orgId */
export const CreateEnvironmentBodySchema = v.strictObject({
  name: EnvironmentNameSchema,
  ...ruleFields,
  scopes: v.optional(
    v.pipe(
      v.array(ScopeSchema, 'scopes: expected a list of scopes'),
      v.maxLength(50, 'scopes: expected at most 50 scopes'),
    ),
  ),
});

/** PUT /environments/:orgId/:name/policy: fields left out keep their value. */
export const SetEnvironmentPolicyBodySchema = v.strictObject(ruleFields);

/** POST /environments/:orgId/:name/bindings: `position` 0 puts the scope first. */
export const BindScopeBodySchema = v.strictObject({
  scope: ScopeSchema,
  position: v.optional(integerAtLeast('position', 0)),
});

export const BindingParamsSchema = v.strictObject({
  orgId: OrgIdSchema,
  name: EnvironmentNameSchema,
  scope: ScopeSchema,
});

export const EnvironmentSchema = v.strictObject({
  orgId: OrgIdSchema,
  name: EnvironmentNameSchema,
  rules: v.strictObject({
    branches: v.array(v.string(), 'rules.branches: expected a list'),
    triggers: v.array(v.string(), 'rules.triggers: expected a list'),
    repositories: v.array(v.string(), 'rules.repositories: expected a list'),
    allowForks: v.boolean('rules.allowForks: expected a boolean'),
  }),
  allowLocalExecution: v.boolean('allowLocalExecution: expected a boolean'),
  scopes: v.array(ScopeSchema, 'scopes: expected a list'),
  createdAt: timestampSchema('createdAt'),
  createdBy: ActorSchema,
  updatedAt: timestampSchema('updatedAt'),
  updatedBy: ActorSchema,
});

export const ListEnvironmentsResponseSchema = v.strictObject({
  orgId: OrgIdSchema,
  environments: v.array(EnvironmentSchema, 'environments: expected a list'),
});

export const DeleteEnvironmentResponseSchema = v.strictObject({
  orgId: OrgIdSchema,
  name: EnvironmentNameSchema,
  deleted: v.literal(true),
});
