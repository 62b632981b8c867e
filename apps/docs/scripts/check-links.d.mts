export interface LinkCheck {
  readonly pages: number;
  readonly internal: number;
  readonly anchors: number;
  readonly external: readonly string[];
  readonly problems: readonly string[];
}
export function checkLinks(dist: string): LinkCheck;
export function idsOf(html: string): Set<string>;
export function hrefsOf(html: string): string[];
