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
