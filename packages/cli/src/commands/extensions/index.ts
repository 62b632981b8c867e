import type { CommandSpec, GroupSpec } from '../../command.js';
import marketplaceDisable from '../marketplace/disable.js';
import marketplaceEnable from '../marketplace/enable.js';
import marketplaceInstall from '../marketplace/install.js';
import productsInstall from '../marketplace/products/install.js';
import productsList from '../marketplace/products/list.js';
import productsRemove from '../marketplace/products/remove.js';
import marketplaceStatus from '../marketplace/status.js';
import marketplaceUninstall from '../marketplace/uninstall.js';
import { extensionsAccessLog } from '../monitoring/access-log.js';
import catalogAdd from './catalog/add.js';
import catalogList from './catalog/list.js';
import catalogRemove from './catalog/remove.js';
import catalogShow from './catalog/show.js';
import deliveriesList from './deliveries/list.js';
import deliveriesRetry from './deliveries/retry.js';
import deliveriesShow from './deliveries/show.js';
import invoke from './invoke.js';
import projectsCreate from './projects/create.js';
import projectsDelete from './projects/delete.js';
import projectsList from './projects/list.js';
import rotationAuditRun from './rotation/audit-run.js';
import rotationPolicyClear from './rotation/policy-clear.js';
import rotationPolicySet from './rotation/policy-set.js';
import rotationPolicyShow from './rotation/policy-show.js';
import secretsDelete from './secrets/delete.js';
import secretsLink from './secrets/link.js';
import secretsList from './secrets/list.js';
import secretsRotate from './secrets/rotate.js';
import secretsSet from './secrets/set.js';
import signingSecretRotate from './signing-secret/rotate.js';
import signingSecretShow from './signing-secret/show.js';

/** The extension store's groups: `kiket extensions …`, `kiket marketplace …` (and kici-admin's). */
export const EXTENSION_GROUPS: readonly GroupSpec[] = [
  {
    name: 'extensions',
    description: 'The extension secret store: secrets of five scopes, projects, the catalog',
    examples: [
      'kiket extensions secrets list --scope extension --id com.example.mailchimp',
      'kiket extensions projects create OPS',
      'kiket extensions catalog add com.example.zoom --manifest zoom.yaml',
    ],
  },
  {
    name: 'extensions secrets',
    description: 'Extension secrets: list, set, link, rotate, delete (values never shown)',
    examples: [
      'kiket extensions secrets list --scope extension --id com.example.mailchimp',
      'kiket extensions secrets set --scope extension --id com.example.mailchimp --key MAILCHIMP_API_KEY --env-file .env.mailchimp',
      'kiket extensions secrets link --scope project --id PROJECT_KEY --key CRM_WEBHOOK_SECRET --external secrets/kiket/projects/project_key/crm_webhook',
    ],
  },
  {
    name: 'extensions projects',
    description: 'Projects of an org: list, create, delete',
    examples: [
      'kiket extensions projects list',
      'kiket extensions projects create OPS --name Operations',
    ],
  },
  {
    name: 'extensions catalog',
    description: 'The extension catalog (manifests): list, show, add, remove',
    examples: [
      'kiket extensions catalog add com.example.zoom --manifest zoom.yaml',
      'kiket extensions catalog show com.example.zoom',
    ],
  },
  {
    name: 'extensions deliveries',
    description: 'Deliveries to extensions: list, show (each attempt), retry a failed one',
    examples: [
      'kici-admin extensions deliveries list --status failed',
      'kici-admin extensions deliveries show msg_01JZ3K8Q4W5X6Y7Z8A9B0C1D2E',
    ],
  },
  {
    name: 'extensions signing-secret',
    description: "An installation's webhook signing secret: show (audited), rotate",
    examples: [
      'kici-admin extensions signing-secret show com.example.mailer --project OPS',
      'kici-admin extensions signing-secret rotate com.example.mailer --project OPS --window 3600',
    ],
  },
  {
    name: 'extensions rotation-policy',
    description: "The org's rotation policy: show, set, clear",
    examples: [
      'kiket extensions rotation-policy set --max-age-days 90 --remind-days 14',
      'kiket extensions rotation-policy show',
    ],
  },
  {
    name: 'extensions rotation-audit',
    description: 'The rotation audit job (Extensions::SecretAuditJob): run it now',
    examples: ['kiket extensions rotation-audit run'],
  },
  {
    name: 'marketplace',
    description: 'Installations: install, status, enable, disable, uninstall; products',
    examples: [
      'kiket marketplace install com.example.zoom --project OPS --env-file .env.zoom',
      'kiket marketplace status',
    ],
  },
  {
    name: 'marketplace products',
    description: "The org's product installations: list, install, remove",
    examples: [
      'kiket marketplace products install com.example.suite',
      'kiket marketplace products list',
    ],
  },
];

/** Their commands, in the order help lists them. */
export const EXTENSION_COMMANDS: readonly CommandSpec[] = [
  secretsList,
  secretsSet,
  secretsLink,
  secretsRotate,
  secretsDelete,
  projectsList,
  projectsCreate,
  projectsDelete,
  catalogList,
  catalogShow,
  catalogAdd,
  catalogRemove,
  invoke,
  deliveriesList,
  deliveriesShow,
  deliveriesRetry,
  signingSecretShow,
  signingSecretRotate,
  extensionsAccessLog,
  rotationPolicyShow,
  rotationPolicySet,
  rotationPolicyClear,
  rotationAuditRun,
  marketplaceInstall,
  marketplaceStatus,
  marketplaceEnable,
  marketplaceDisable,
  marketplaceUninstall,
  productsList,
  productsInstall,
  productsRemove,
];
