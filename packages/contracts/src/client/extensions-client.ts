import type { RouteInput, RouteName, RouteResponse } from '../routes.js';
import type { ExtensionScope } from '../vocabulary/extensions.js';
import type { CallInput } from './transport.js';

type Answer<K extends RouteName> = Promise<RouteResponse<K>>;

/** `{ confirm: true }` deletes what the owner still holds with it (`--yes`). */
export interface ConfirmOption {
  readonly confirm?: boolean | undefined;
}

/** Where an extension secret lives: one of the five scopes and its id (optional for organization). */
export interface ExtensionScopeRef {
  readonly orgId: string;
  readonly scope: ExtensionScope;
  readonly id?: string | undefined;
}

export interface ExtensionLinkTarget {
  /** The path on the backend (Vault) or the secret id / resource name (GSM). */
  readonly external_secret_name: string;
  /** Defaults to the only registered external backend. */
  readonly backend?: string | undefined;
  /** Defaults to the secret's own key (vault) or the secret id (gsm). */
  readonly external_key?: string | undefined;
}

/** The extension store (`/api/v1/extensions`), one method per route. */
export interface ExtensionsClient {
  readonly secrets: {
    list(at: ExtensionScopeRef): Answer<'extensions.secrets.list'>;
    /** Every key in one transaction, or none. */
    set(
      at: ExtensionScopeRef,
      secrets: Readonly<Record<string, string>>,
    ): Answer<'extensions.secrets.set'>;
    link(
      at: ExtensionScopeRef,
      key: string,
      target: ExtensionLinkTarget,
    ): Answer<'extensions.secrets.link'>;
    rotate(at: ExtensionScopeRef, key: string, value: string): Answer<'extensions.secrets.rotate'>;
    delete(at: ExtensionScopeRef, key: string): Answer<'extensions.secrets.delete'>;
  };
  readonly projects: {
    list(orgId: string): Answer<'extensions.projects.list'>;
    put(
      orgId: string,
      projectKey: string,
      input?: RouteInput<'extensions.projects.put', 'body'>,
    ): Answer<'extensions.projects.put'>;
    delete(
      orgId: string,
      projectKey: string,
      options?: ConfirmOption,
    ): Answer<'extensions.projects.delete'>;
  };
  readonly catalog: {
    list(): Answer<'extensions.catalog.list'>;
    get(extensionId: string): Answer<'extensions.catalog.get'>;
    /** `manifest`: YAML or JSON text, or a JSON object. */
    put(
      extensionId: string,
      manifest: RouteInput<'extensions.catalog.put', 'body'>['manifest'],
    ): Answer<'extensions.catalog.put'>;
    delete(extensionId: string, options?: ConfirmOption): Answer<'extensions.catalog.delete'>;
  };
  readonly products: {
    list(orgId: string): Answer<'extensions.products.list'>;
    put(orgId: string, productId: string): Answer<'extensions.products.put'>;
    delete(
      orgId: string,
      productId: string,
      options?: ConfirmOption,
    ): Answer<'extensions.products.delete'>;
  };
  readonly installations: {
    list(
      orgId: string,
      options?: { readonly project?: string | undefined },
    ): Answer<'extensions.installations.list'>;
    /** Creates the installation disabled (or changes its product). */
    put(
      orgId: string,
      projectKey: string,
      extensionId: string,
      input?: RouteInput<'extensions.installations.put', 'body'>,
    ): Answer<'extensions.installations.put'>;
    delete(
      orgId: string,
      projectKey: string,
      extensionId: string,
      options?: ConfirmOption,
    ): Answer<'extensions.installations.delete'>;
    status(
      orgId: string,
      projectKey: string,
      extensionId: string,
    ): Answer<'extensions.installations.status'>;
    /** Refused (409 `conflict`) while a required key is missing or a placeholder. */
    enable(
      orgId: string,
      projectKey: string,
      extensionId: string,
    ): Answer<'extensions.installations.enable'>;
    disable(
      orgId: string,
      projectKey: string,
      extensionId: string,
    ): Answer<'extensions.installations.disable'>;
    sources(
      orgId: string,
      projectKey: string,
      extensionId: string,
    ): Answer<'extensions.installations.sources'>;
  };
}

type Call = <K extends RouteName>(name: K, input?: CallInput) => Answer<K>;

const scoped = (at: ExtensionScopeRef) =>
  at.id === undefined
    ? { org_id: at.orgId, scope: at.scope }
    : { org_id: at.orgId, scope: at.scope, id: at.id };

const confirmQuery = (options: ConfirmOption = {}) => ({ confirm: options.confirm === true });

/** The `extensions` group of the admin client, over its `call`. */
export function extensionsClient(call: Call): ExtensionsClient {
  const installation = (orgId: string, projectKey: string, extensionId: string) => ({
    orgId,
    projectKey,
    extensionId,
  });
  return {
    secrets: {
      list: (at) => call('extensions.secrets.list', { query: scoped(at) }),
      set: (at, secrets) => call('extensions.secrets.set', { body: { ...scoped(at), secrets } }),
      link: (at, key, target) =>
        call('extensions.secrets.link', { body: { ...scoped(at), key, ...target } }),
      rotate: (at, key, value) =>
        call('extensions.secrets.rotate', { body: { ...scoped(at), key, value } }),
      delete: (at, key) => call('extensions.secrets.delete', { query: { ...scoped(at), key } }),
    },
    projects: {
      list: (orgId) => call('extensions.projects.list', { query: { org_id: orgId } }),
      put: (orgId, projectKey, input = {}) =>
        call('extensions.projects.put', { params: { orgId, projectKey }, body: input }),
      delete: (orgId, projectKey, options) =>
        call('extensions.projects.delete', {
          params: { orgId, projectKey },
          query: confirmQuery(options),
        }),
    },
    catalog: {
      list: () => call('extensions.catalog.list'),
      get: (extensionId) => call('extensions.catalog.get', { params: { extensionId } }),
      put: (extensionId, manifest) =>
        call('extensions.catalog.put', { params: { extensionId }, body: { manifest } }),
      delete: (extensionId, options) =>
        call('extensions.catalog.delete', {
          params: { extensionId },
          query: confirmQuery(options),
        }),
    },
    products: {
      list: (orgId) => call('extensions.products.list', { query: { org_id: orgId } }),
      put: (orgId, productId) => call('extensions.products.put', { params: { orgId, productId } }),
      delete: (orgId, productId, options) =>
        call('extensions.products.delete', {
          params: { orgId, productId },
          query: confirmQuery(options),
        }),
    },
    installations: {
      list: (orgId, options = {}) =>
        call('extensions.installations.list', {
          query: { org_id: orgId, project: options.project },
        }),
      put: (orgId, projectKey, extensionId, input = {}) =>
        call('extensions.installations.put', {
          params: installation(orgId, projectKey, extensionId),
          body: input,
        }),
      delete: (orgId, projectKey, extensionId, options) =>
        call('extensions.installations.delete', {
          params: installation(orgId, projectKey, extensionId),
          query: confirmQuery(options),
        }),
      status: (orgId, projectKey, extensionId) =>
        call('extensions.installations.status', {
          params: installation(orgId, projectKey, extensionId),
        }),
      enable: (orgId, projectKey, extensionId) =>
        call('extensions.installations.enable', {
          params: installation(orgId, projectKey, extensionId),
        }),
      disable: (orgId, projectKey, extensionId) =>
        call('extensions.installations.disable', {
          params: installation(orgId, projectKey, extensionId),
        }),
      sources: (orgId, projectKey, extensionId) =>
        call('extensions.installations.sources', {
          params: installation(orgId, projectKey, extensionId),
        }),
    },
  };
}
