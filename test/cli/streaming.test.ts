import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createDefaultRegistry } from '../../src/index';
import { streamInputs } from '../../src/cli/inputs';
import { tempProject } from '../support/cli';

// `dfopt lint` holds one file's text at a time: each file is read when its turn comes, not all before the first lint.
describe('streamInputs', () => {
  const registry = createDefaultRegistry();
  const options = (dir: string) => ({ paths: [dir], stdin: false, rule: [] });
  const project = () => tempProject({ 'a.Dockerfile': 'FROM alpine:3.20\n', 'b.Dockerfile': 'FROM alpine:3.20\n', 'c.Dockerfile': 'FROM alpine:3.20\n' });

  it('counts the files before reading any, then reads each when it is reached', () => {
    const dir = project();
    const problems: string[] = [];
    const stream = streamInputs(options(dir), registry, () => Buffer.alloc(0), (m) => problems.push(m));
    if (stream === 'usage') throw new Error('usage');
    expect(stream.total).toBe(3);
    const first = stream.inputs.next();
    expect(first.done ? null : [first.value.index, first.value.file]).toEqual([0, join(dir, 'a.Dockerfile')]);
    // Gone after the first was read: only a reader that has not read it yet notices.
    rmSync(join(dir, 'c.Dockerfile'));
    const rest = [...stream.inputs].map((input) => input.index);
    expect(rest).toEqual([1]);
    expect(problems).toEqual([`${join(dir, 'c.Dockerfile')}: no such file or directory`]);
  });

  it('returns usage at a file whose config is broken, after the files before it', () => {
    const dir = tempProject({ 'a/Dockerfile': 'FROM alpine:3.20\n', 'b/Dockerfile': 'FROM alpine:3.20\n', 'b/.dfopt.yaml': 'rules: [\n' });
    const problems: string[] = [];
    const stream = streamInputs(options(dir), registry, () => Buffer.alloc(0), (m) => problems.push(m));
    if (stream === 'usage') throw new Error('usage');
    const a = stream.inputs.next();
    expect(a.done).toBe(false);
    expect(problems).toEqual([]);
    expect(stream.inputs.next()).toEqual({ done: true, value: 'usage' });
    expect(problems).toHaveLength(1);
  });
});
