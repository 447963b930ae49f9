import { lintText } from '../../src';

// Issue 19 hand check (docs/precision/hand-check-2026-12-05.md, row 29): mkdir-parents-mode flagged
// `mkdir -p -m0770 /var/solr` (01433.Dockerfile:118), where the only parent, /var, exists in every base image, so -p
// creates no parent and the mode applies to the one directory made. Likewise `-m 755` gives the parents nothing
// they lack: they get 755 from Docker's umask 022.
const modeFindings = (script: string) =>
  lintText(`FROM debian:12\nRUN ${script}\n`).findings.filter((f) => f.ruleId === 'mkdir-parents-mode');

describe('mkdir-parents-mode when no parent gets a different mode', () => {
  it('stays silent when the parent always exists (01433.Dockerfile:118)', () => {
    expect(modeFindings('mkdir -p -m0770 /var/solr; chown -R solr:0 /var/solr')).toEqual([]);
    expect(modeFindings('mkdir -p -m 770 /var/opt/mssql/')).toEqual([]);
  });

  it('stays silent on -m 755, the mode the parents get anyway', () => {
    expect(modeFindings('mkdir -p -m 755 /etc/apt/keyrings')).toEqual([]);
    expect(modeFindings('mkdir -p --mode=0755 /usr/share/keyrings/extra')).toEqual([]);
  });

  it('still fires when a parent is created with the default mode', () => {
    const findings = modeFindings('mkdir -m 0700 -p /run/user/1000');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('-m only to the last directory');
  });

  it('still fires on 755 when the RUN changed the umask', () => {
    expect(modeFindings('umask 077; mkdir -p -m 755 /srv/www/html')).toHaveLength(1);
  });
});
