import { fixText } from '../../src/fix';
import { createDefaultRegistry } from '../../src/index';

// The comment lines directly above an instruction the multi-stage rewrite moves to the final stage (CMD, ENTRYPOINT,
// EXPOSE, HEALTHCHECK, STOPSIGNAL) describe it: they move with it instead of being left above the builder's last
// lines (issue 21, seen in the curl-tls and redis-apt lab cases).
const registry = createDefaultRegistry();
const fix = (text: string): string =>
  fixText(text, { registry, config: { rules: { 'use-multi-stage': 'warning' } }, unsafe: true }).output;

describe('use-multi-stage moves the comments above moved instructions', () => {
  it('moves a CMD comment block and an EXPOSE comment, keeps the others and the blank lines', () => {
    const out = fix(
      [
        'FROM debian:bookworm',
        '# redis from Debian',
        'RUN apt-get update && apt-get install -y --no-install-recommends redis-server && rm -rf /var/lib/apt/lists/*',
        '# the port',
        'EXPOSE 6379',
        '',
        '# the lab needs a command that exits:',
        '# the version proves the program loads',
        'CMD ["redis-server", "--version"]',
        '',
      ].join('\n'),
    );
    const [builder, final] = out.split(/\n(?=FROM scratch)/);
    expect(builder).toContain('# redis from Debian\nRUN apt-get update');
    expect(builder).not.toContain('# the');
    expect(final).toContain('# the port\nEXPOSE 6379\n# the lab needs a command that exits:\n# the version proves the program loads\nCMD ["redis-server", "--version"]\n');
  });
  it('leaves a comment separated from the CMD by a blank line where it is', () => {
    const out = fix(
      'FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends redis-server && rm -rf /var/lib/apt/lists/*\n# about the build\n\nCMD ["redis-server"]\n',
    );
    const [builder, final] = out.split(/\n(?=FROM scratch)/);
    expect(builder).toContain('# about the build');
    expect(final).not.toContain('#');
  });
});
