import { lintText } from '../../src';
import { memoryBuildContext } from '../support/memoryBuildContext';

// Issue 19, pattern 3: remove-in-same-layer flagged deleting a COPY'd requirements file of a few bytes
// (01910.Dockerfile:7) with the same weight as hundreds of MB. When the build context says the COPY'd files are
// small (under SMALL_COPY_BYTES together), the delete is not worth a finding; a large one is reported with its size.
const DOCKERFILE =
  'FROM python:3.12\n' +
  'WORKDIR /code\n' +
  'COPY ./requirements.txt /code/requirements.txt\n' +
  'RUN pip install --no-cache-dir -r requirements.txt\n' +
  'RUN rm /code/requirements.txt\n';
const removeFindings = (text: string, files?: Record<string, string>) =>
  lintText(text, {}, files ? memoryBuildContext(files) : undefined).findings.filter((f) => f.ruleId === 'remove-in-same-layer');

describe('remove-in-same-layer on small COPY\'d files', () => {
  it('stays silent when the build context shows the deleted file is a few bytes', () => {
    expect(removeFindings(DOCKERFILE, { 'requirements.txt': 'flask==3.0.3\n' })).toEqual([]);
  });

  it('still fires, with the size, when the file is large', () => {
    const [finding, ...rest] = removeFindings(DOCKERFILE, { 'requirements.txt': 'x'.repeat(2_500_000) });
    expect(rest).toEqual([]);
    expect(finding!.estimate).toEqual({ bytes: 2_500_000, basis: 'sizes of the copied files in the build context' });
    expect(finding!.message).toContain('deletes /code/requirements.txt (~2.5 MB), which COPY at line 3 created');
  });

  it('stays silent without a build context when the COPY brings only a text file by name (hand check 2026-12-06, 02039:11)', () => {
    expect(removeFindings(DOCKERFILE)).toEqual([]);
  });

  it('still fires, without a size, when there is no build context and the COPY may be large (an archive, a directory)', () => {
    for (const text of [DOCKERFILE.replace(/requirements\.txt/g, 'wheels.tar.gz'), DOCKERFILE.replace(/\.\/requirements\.txt \/code\/requirements\.txt/, 'vendor /code/vendor').replace('rm /code/requirements.txt', 'rm -rf /code/vendor')]) {
      const findings = removeFindings(text);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.estimate).toBeUndefined();
    }
  });

  it('still fires when a small COPY\'d file is deleted together with something that has no known size', () => {
    const text = DOCKERFILE.replace('RUN pip', 'RUN curl -o /tmp/big.tgz https://example.com/big.tgz\nRUN pip').replace('RUN rm /code/requirements.txt', 'RUN rm /code/requirements.txt /tmp/big.tgz');
    const findings = removeFindings(text, { 'requirements.txt': 'flask==3.0.3\n' });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('(and 1 more)');
  });
});
