// Small pieces several pages share.

/** A success message after a form's redirect, announced to screen readers. */
export function Notice({ notice }: { notice?: string | undefined }) {
  return notice ? (
    <p class="notice" role="status">
      {notice}
    </p>
  ) : null;
}

/** The organization picker of a list page: a GET form back to `action` with `?org=`. */
export function OrgPicker({ action, orgId }: { action: string; orgId: string }) {
  return (
    <form method="get" action={action} class="inline">
      <label for="org">Organization</label>
      <input id="org" name="org" value={orgId} required />
      <button type="submit">Show</button>
    </form>
  );
}

/** "Sync now": a POST form that syncs every registered backend and comes back to `action`'s page. */
export function SyncNowForm({ action, orgId, id }: { action: string; orgId: string; id: string }) {
  return (
    <form method="post" action={`${action}?${new URLSearchParams({ org: orgId })}`}>
      <button type="submit" id={id}>
        Sync now
      </button>
    </form>
  );
}
