import { defineCommand } from '../../command.js';
import { UsageError } from '../../errors.js';
import { readEnvFile } from '../../input/env-file.js';
import { extensionId, orgOf, projectKey } from '../extensions/target.js';
import { installOrgWide } from './install-org.js';
import { installOnProject } from './install-project.js';
import { ENV_FILE_OPTION, ORG_OPTION, PRODUCT_OPTION, PROJECT_OPTION } from './options.js';

export default defineCommand({
  group: 'marketplace',
  name: 'install <extension-id>',
  usage: 'install <extension-id> [--project <KEY>] [--product <id>] [--env-file <file>] [--enable]',
  description:
    'Install an extension: without --project, its organization-wide credentials; with it, on that project (asks for missing fields on a terminal)',
  options: [
    PROJECT_OPTION,
    PRODUCT_OPTION,
    ENV_FILE_OPTION,
    { flags: '--enable', description: 'With --project: enable it once every required key is set' },
    ORG_OPTION,
  ],
  examples: [
    'kiket marketplace install com.example.zoom --env-file .env.zoom-org',
    'kiket marketplace install com.example.zoom --project OPS --env-file .env.zoom-ops --enable',
    'kiket marketplace install com.example.mailchimp --project OPS --product com.example.suite',
  ],
  async run(context) {
    const { args, flags, client } = context;
    const extension = extensionId('extension-id', args[0] ?? '');
    const projectFlag = flags.string('project');
    const project = projectFlag === undefined ? undefined : projectKey('--project', projectFlag);
    const product = flags.string('product');
    if (product !== undefined) extensionId('--product', product);
    const enable = flags.bool('enable');
    if (project === undefined && (product !== undefined || enable)) {
      throw new UsageError(
        `${product !== undefined ? '--product' : '--enable'} applies to a project install: add --project <KEY>`,
      );
    }
    const envFile = flags.string('env-file');
    if (envFile === '') throw new UsageError('--env-file: expected a path');
    const orgId = await orgOf(context);
    const admin = client();
    const fromFile = envFile === undefined ? new Map<string, string>() : await readEnvFile(envFile);
    const { manifest } = await admin.extensions.catalog.get(extension);
    if (project === undefined) {
      return installOrgWide(context, admin, orgId, extension, manifest.configuration, fromFile);
    }
    const target = { orgId, project, extension, product, enable };
    return installOnProject(context, admin, target, manifest.configuration, fromFile);
  },
});
