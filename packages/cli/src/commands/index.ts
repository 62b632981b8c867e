import type { CommandSpec, GroupSpec } from '../command.js';
import audit from './audit.js';
import backendAdd from './backend/add.js';
import backendList from './backend/list.js';
import backendRemove from './backend/remove.js';
import backendScopes from './backend/scopes.js';
import backendSync from './backend/sync.js';
import backendTest from './backend/test.js';
import completion from './completion.js';
import configGet from './config/get.js';
import configHistory from './config/history.js';
import configList from './config/list.js';
import configRollback from './config/rollback.js';
import configSet from './config/set.js';
import configUnset from './config/unset.js';
import environmentBind from './environment/bind.js';
import environmentCreate from './environment/create.js';
import environmentDelete from './environment/delete.js';
import environmentList from './environment/list.js';
import environmentSetPolicy from './environment/set-policy.js';
import environmentShow from './environment/show.js';
import environmentUnbind from './environment/unbind.js';
import { EXTENSION_COMMANDS, EXTENSION_GROUPS } from './extensions/index.js';
import help from './help.js';
import { accessLog } from './monitoring/access-log.js';
import notificationsAck from './monitoring/notifications-ack.js';
import notificationsList from './monitoring/notifications-list.js';
import reportRotation from './monitoring/report-rotation.js';
import policySet from './policy/set.js';
import policyShow from './policy/show.js';
import resolve from './resolve.js';
import rotateKey from './rotate-key.js';
import runCancel from './run/cancel.js';
import runList from './run/list.js';
import runShow from './run/show.js';
import secretDelete from './secret/delete.js';
import secretLink from './secret/link.js';
import secretList from './secret/list.js';
import secretReveal from './secret/reveal.js';
import secretScopes from './secret/scopes.js';
import secretSet from './secret/set.js';
import tokenCreate from './token/create.js';
import tokenList from './token/list.js';
import tokenRevoke from './token/revoke.js';
import variableDelete from './variable/delete.js';
import variableList from './variable/list.js';
import variableSet from './variable/set.js';
import whoami from './whoami.js';

export const GROUPS: readonly GroupSpec[] = [
  {
    name: 'secret',
    description: 'Scoped secrets of an org: scopes, list, set, delete, reveal, link',
    examples: [
      'kici-admin secret scopes acme',
      'kici-admin secret set acme production KICI_DATABASE_URL --prompt',
    ],
  },
  {
    name: 'backend',
    description: 'External secret backends (Vault/OpenBao): add, list, test, sync, scopes, remove',
    examples: [
      'kici-admin backend add --name openbao-prod --type vault --url https://vault.example.com:8200 --auth-method approle --role-id "$VAULT_ROLE_ID" --secret-id "$VAULT_SECRET_ID"',
      'kici-admin backend list',
      'kici-admin backend sync --name openbao-prod',
    ],
  },
  {
    name: 'variable',
    description: 'Non-secret variables of an org: set, list, delete',
    examples: [
      'kici-admin variable set acme production DEPLOY_REGION --value eu-west-1 --locked',
      'kici-admin variable list acme production --values',
    ],
  },
  {
    name: 'environment',
    description: 'Environments: protection rules, test-run access and scope bindings',
    examples: [
      'kici-admin environment create acme production --branches main --triggers push,tag --scope production',
      'kici-admin environment set-policy --env test-database --allow-local-execution true',
    ],
  },
  {
    name: 'policy',
    description: 'Dashboard-write policy: which surfaces (dashboard, cli) may write what',
    examples: ['kici-admin policy show', 'kici-admin policy set secrets.set cli'],
  },
  {
    name: 'token',
    description: 'Admin tokens: create, list, revoke (cli tokens, or dashboard credentials)',
    examples: [
      'kici-admin token create ci-operator --role admin',
      'kici-admin token create dashboard --role admin --surface dashboard',
      'kici-admin token list',
    ],
  },
  {
    name: 'run',
    description: 'Runs: list, show, cancel (jobs, output keys and sizes, never values)',
    examples: ['kici-admin run list --state running', 'kici-admin run cancel 4711'],
  },
  {
    name: 'config',
    description: 'Orchestrator configuration: get, set, unset, list, history, rollback',
    examples: ['kici-admin config set pgCustomerSecrets false', 'kici-admin config list'],
  },
  {
    name: 'notifications',
    description: 'Notifications to org admins (access anomalies, rotation compliance): list, ack',
    examples: [
      'kici-admin notifications list --unacknowledged',
      'kici-admin notifications list --follow --json',
    ],
  },
  {
    name: 'report',
    description: 'Compliance reports: rotation (JSON or CSV)',
    examples: ['kici-admin report rotation --format csv --output rotation.csv'],
  },
  ...EXTENSION_GROUPS,
];

/** Every command, in the order help lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  secretScopes,
  secretList,
  secretSet,
  secretDelete,
  secretReveal,
  secretLink,
  backendAdd,
  backendList,
  backendTest,
  backendSync,
  backendScopes,
  backendRemove,
  variableSet,
  variableList,
  variableDelete,
  environmentCreate,
  environmentList,
  environmentShow,
  environmentDelete,
  environmentBind,
  environmentUnbind,
  environmentSetPolicy,
  resolve,
  policyShow,
  policySet,
  tokenCreate,
  tokenList,
  tokenRevoke,
  runList,
  runShow,
  runCancel,
  whoami,
  rotateKey,
  audit,
  accessLog,
  notificationsList,
  notificationsAck,
  reportRotation,
  configGet,
  configSet,
  configUnset,
  configList,
  configHistory,
  configRollback,
  ...EXTENSION_COMMANDS,
  completion,
  help,
];
