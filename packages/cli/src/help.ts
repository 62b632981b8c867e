import type { CAC } from 'cac';

type HelpSection = { title?: string; body: string };

/**
 * cac's help, tidied: a command's description under its usage line, no trailing blanks, and
 * no "(default: true)" on `--no-x` flags (their positive form is what defaults to true).
 */
export function polishHelp(cli: CAC, sections: HelpSection[]): HelpSection[] {
  const tidy = sections.map(({ title, body }) => ({
    ...(title === undefined ? {} : { title }),
    body: body
      .split('\n')
      .map((line) => (/^\s+--no-/.test(line) ? line.replace(' (default: true)', '') : line))
      .map((line) => line.trimEnd())
      .join('\n'),
  }));
  const description = cli.matchedCommand?.description;
  if (description) tidy.splice(2, 0, { body: `  ${description}` });
  return tidy;
}
