import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';

/** The signed-in pages, in the header's order. */
const NAV = [
  { path: '/secrets', label: 'Secrets' },
  { path: '/environments', label: 'Environments' },
  { path: '/diagnostics', label: 'Diagnostics' },
] as const;

export interface LayoutProps {
  readonly title: string;
  /** Signed-in pages pass their org: the header then shows the navigation and "Sign out". */
  readonly orgId?: string | undefined;
  /** The NAV entry this page belongs to (`/secrets`, `/environments`, `/diagnostics`). */
  readonly section?: string | undefined;
  readonly children: Child;
}

/** The page frame: the stylesheet and script are the orchestrator's own (/ui/assets). */
export function Layout({ title, orgId, section, children }: LayoutProps) {
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${title} · KiCI Secrets`}</title>
          <link rel="stylesheet" href="/ui/assets/app.css" />
          <script type="module" src="/ui/assets/app.js" />
        </head>
        <body>
          <header class="top">
            <a class="brand" href="/ui/secrets">
              KiCI Secrets
            </a>
            {orgId === undefined ? null : (
              <>
                <nav aria-label="Dashboard">
                  {NAV.map((item) => (
                    <a
                      href={`/ui${item.path}?${new URLSearchParams({ org: orgId })}`}
                      aria-current={item.path === section ? 'page' : undefined}
                    >
                      {item.label}
                    </a>
                  ))}
                </nav>
                <form method="post" action="/ui/sign-out">
                  <button type="submit" class="secondary">
                    Sign out
                  </button>
                </form>
              </>
            )}
          </header>
          <main id="main">{children}</main>
        </body>
      </html>
    </>
  );
}

/** The sign-in form: a dashboard-surface token, posted once and kept in an HttpOnly cookie. */
export function SignInPage({ error }: { error?: string | undefined }) {
  return (
    <Layout title="Sign in">
      <h1>Sign in</h1>
      <p>Paste a dashboard token (kici-admin token create --surface dashboard).</p>
      {error ? (
        <p class="error" role="alert" id="sign-in-error">
          {error}
        </p>
      ) : null}
      <form method="post" action="/ui/sign-in" class="card">
        <label for="token">Dashboard token</label>
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="off"
          required
          aria-describedby={error ? 'sign-in-error' : undefined}
        />
        <button type="submit">Sign in</button>
      </form>
    </Layout>
  );
}
