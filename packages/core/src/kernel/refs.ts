/** The git ref vocabulary: protection rules and audit rows compare fully qualified refs. */

/**
 * The fully qualified ref of a job. A bare name is a branch, or a tag when the trigger is
 * `tag`: rules compare full refs, so a tag called `main` can never pass as the branch `main`.
 */
export function qualifiedRef(branch: string, trigger: string): string {
  if (branch.startsWith('refs/')) return branch;
  return trigger === 'tag' ? `refs/tags/${branch}` : `refs/heads/${branch}`;
}

/** A branch rule as a full-ref pattern: `release/*` means `refs/heads/release/*`. */
export const qualifiedPattern = (pattern: string): string =>
  pattern.startsWith('refs/') ? pattern : `refs/heads/${pattern}`;
