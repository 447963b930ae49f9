import { checkInput } from '../../scripts/fuzz-lib';

// `npm run fuzz` reports a slow call's CPU twice: the process's (what the 1 s line is about, V8's helper threads
// included) and the main thread's alone, read from /proc/thread-self/schedstat, to tell the two apart.
describe('fuzz: CPU of a call on the main thread', () => {
  (process.platform === 'linux' ? it : it.skip)('is read beside the process CPU and is part of it', () => {
    const text = `FROM debian:12\n${Array.from({ length: 200 }, (_, i) => `RUN apt-get install -y pkg${i}\n`).join('')}`;
    const { cpu, thread } = checkInput(text);
    expect(thread).not.toBeNull();
    for (const call of ['lint', 'fix', 'unsafe'] as const) {
      expect(thread![call]).toBeGreaterThan(0);
      // The thread's interval holds the process's, plus the reads of the two clocks (microseconds).
      expect(thread![call]).toBeLessThanOrEqual(cpu[call] + 1);
    }
  });
});
