import { beforeAll, describe, expect, it } from 'vitest';
import { KICI_ADMIN, KIKET } from '../../../packages/cli/src/bins.js';
import { catalogOf } from '../../../packages/cli/src/program.js';
import { commandAnchor, commandPage, commandPath } from '../scripts/cli-reference.js';
import { builtPage, escapeHtml, requireDist, section } from './dist.js';

// The command definitions themselves (packages/cli/src), against the built site: a command,
// an option or a group missing from the generated reference fails here.
describe.each([KICI_ADMIN, KIKET])('the $name reference', (bin) => {
  beforeAll(requireDist);

  it('has every command, with its description, usage and every option', () => {
    expect(bin.commands.length).toBeGreaterThan(5);
    for (const spec of bin.commands) {
      const html = builtPage(commandPage(bin.name, spec));
      const body = section(html, commandAnchor(spec));
      expect(body, `${bin.name} ${commandPath(spec)}`).toBeDefined();
      expect(body).toContain(escapeHtml(`${bin.name} ${commandPath(spec)}`));
      expect(body).toContain(escapeHtml(spec.description));
      for (const option of spec.options ?? []) {
        expect(body, `${commandPath(spec)} ${option.flags}`).toContain(escapeHtml(option.flags));
      }
    }
  });

  it('has a section for every group and lists the global options', () => {
    for (const group of bin.groups) {
      const top = group.name.split(' ')[0] ?? '';
      const html = builtPage(`reference/cli/${bin.name}/${top}.md`);
      expect(html).toContain(escapeHtml(group.description));
    }
    const index = builtPage(`reference/cli/${bin.name}/index.md`);
    for (const option of catalogOf(bin).globalOptions) {
      expect(index).toContain(escapeHtml(option.flags));
    }
  });
});
