import { existsSync, readFileSync } from 'node:fs';
import { type DefaultTheme, defineConfig } from 'vitepress';

// The generated references (CLI, HTTP API) list their pages in reference/sidebar.json,
// written by scripts/generate.mjs before every build.
const generatedSidebar = (): DefaultTheme.SidebarItem[] => {
  const file = new URL('../reference/sidebar.json', import.meta.url);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
};

export default defineConfig({
  title: 'KiCI Secrets',
  description:
    'The secrets subsystem of the KiCI CI/CD orchestrator: encrypted, scoped, audited, rotatable.',
  outDir: '../dist',
  cleanUrls: false,
  // Every internal link is checked by the build (a dead one fails it); anchors and the
  // rest by scripts/check-links.mjs over the built pages.
  ignoreDeadLinks: false,
  lastUpdated: false,
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/getting-started' },
      { text: 'CLI', link: '/reference/cli/kici-admin/' },
      { text: 'HTTP API', link: '/reference/api/' },
      { text: 'Configuration', link: '/configuration' },
    ],
    search: { provider: 'local' },
    outline: { level: [2, 3] },
    sidebar: [
      {
        text: 'Start',
        items: [
          { text: 'Getting started', link: '/getting-started' },
          { text: 'Configuration', link: '/configuration' },
          { text: 'Web dashboard', link: '/guide/dashboard' },
        ],
      },
      {
        text: 'Operating',
        items: [
          { text: 'Secrets, scopes, variables', link: '/guide/secrets' },
          { text: 'Environments and protection rules', link: '/guide/environments' },
          { text: 'Multi-backend: Vault and GSM', link: '/guide/backends' },
          { text: 'Key rotation runbooks', link: '/guide/key-rotation' },
          { text: 'TLS and production', link: '/guide/production' },
        ],
      },
      {
        text: 'Building on it',
        items: [
          { text: 'Cross-job outputs and agents', link: '/guide/cross-job-outputs' },
          { text: 'Extension secret store', link: '/guide/extensions' },
          { text: 'Extension SDK', link: '/guide/extension-sdk' },
        ],
      },
      {
        text: 'Reference',
        items: [
          { text: 'Security model', link: '/security' },
          { text: 'Limits', link: '/limits' },
          { text: 'Troubleshooting', link: '/troubleshooting' },
          ...generatedSidebar(),
        ],
      },
    ],
  },
});
