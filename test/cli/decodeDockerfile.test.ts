import { decodeDockerfile, InputError } from '../../src/cli/readDockerfile';

// decodeDockerfile validates with buffer.isUtf8 and decodes with Buffer#toString: it must accept and read exactly what
// a fatal TextDecoder (BOM kept) does, which is what it used before (and what WHATWG calls UTF-8).
const fatal = (bytes: Uint8Array): string | null => {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
};

const body = (tail: number[]): Uint8Array => new Uint8Array([...Buffer.from('FROM a:1\nRUN echo '), ...tail, 0x0a]);

describe('decodeDockerfile reads UTF-8 as a fatal TextDecoder does', () => {
  it.each([
    ['ASCII', []],
    ['a BOM, kept', [0xef, 0xbb, 0xbf]],
    ['two-, three- and four-byte characters', [0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x90, 0xb3]],
    ['U+10FFFF, the last code point', [0xf4, 0x8f, 0xbf, 0xbf]],
    ['a lone continuation byte', [0x80]],
    ['a truncated sequence', [0xe2, 0x82]],
    ['an overlong slash', [0xc0, 0xaf]],
    ['an overlong three-byte NUL-free form', [0xe0, 0x80, 0xaf]],
    ['a UTF-16 surrogate (CESU-8)', [0xed, 0xa0, 0x80]],
    ['past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a 0xFF byte', [0xff]],
  ])('%s', (_name, tail) => {
    const bytes = body(tail);
    const expected = fatal(bytes);
    if (expected === null) {
      expect(() => decodeDockerfile(bytes, 'Dockerfile')).toThrow(InputError);
      expect(() => decodeDockerfile(bytes, 'Dockerfile')).toThrow(/^Dockerfile:\d+: invalid UTF-8/);
    } else {
      expect(decodeDockerfile(bytes, 'Dockerfile')).toBe(expected);
    }
  });

  it('keeps a leading BOM in the text, as before', () => {
    expect(decodeDockerfile(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('FROM a:1\n')]), 'Dockerfile')).toBe('\uFEFFFROM a:1\n');
  });

  it('reads a view into a larger buffer from its own offset', () => {
    const whole = Buffer.from('xxxxFROM a:1\nyyyy');
    expect(decodeDockerfile(whole.subarray(4, 13), 'Dockerfile')).toBe('FROM a:1\n');
  });
});
