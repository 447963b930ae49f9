import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { MAX_DOCKERFILE_BYTES, overLimitDetail, tooLargeDetail } from '../parse/limits';

/** Input that is not a Dockerfile we can read; reported as one line, exit code 2. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly line?: number,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${detail}`);
    this.name = 'InputError';
  }
}

/** What a file-system error code means, in the words `ls` and `cat` use; the code itself when it is not one of these. */
const FILE_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  ELOOP: 'symbolic link loop',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a component of the path is not a directory',
  EISDIR: 'is a directory',
  EEXIST: 'already exists',
  ENAMETOOLONG: 'file name too long',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

export const errorCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | null)?.code;

/**
 * What went wrong, in words: `no such file or directory`, or for a code not in FILE_ERRORS the description Node's
 * message carries (`EXDEV: cross-device link not permitted, rename …` → `cross-device link not permitted`).
 */
export function fileErrorCause(error: unknown): string {
  const code = errorCode(error);
  if (code && FILE_ERRORS[code]) return FILE_ERRORS[code];
  const message = error instanceof Error ? error.message : String(error);
  return /^[A-Z][A-Z0-9_]*: ([^,]+)/.exec(message)?.[1] ?? message.split('\n')[0]!;
}

/** One phrase for a failed file-system call: `symbolic link loop`, or `cannot <verb> (ECODE)` for the rare ones. */
export function describeFileError(error: unknown, verb = 'read'): string {
  const code = errorCode(error);
  return (code && FILE_ERRORS[code]) ?? `cannot ${verb} (${code ?? String(error)})`;
}

/**
 * describeFileError for a path dfopt was given or found in a directory. Node reads file names as UTF-8: a name that is
 * not (a byte such as 0xFF) comes back with U+FFFD in its place and then names no file, which was reported as "no
 * such file or directory" for a file that `ls` lists.
 */
export function describePathError(path: string, error: unknown, kind: 'file' | 'directory' = 'file'): string {
  if (errorCode(error) === 'ENOENT' && path.includes('\uFFFD')) return `${kind} name is not UTF-8, and dfopt reads names as UTF-8 (rename the ${kind})`;
  return describeFileError(error);
}

/** Reads a file as Dockerfile text, refusing what is not text we can lint. */
export function readDockerfile(path: string): string {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new InputError(path, 'is a directory');
    size = stat.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(path, describePathError(path, error));
  }
  if (size > MAX_DOCKERFILE_BYTES) {
    throw new InputError(path, `file is ${tooLargeDetail(size)}`);
  }
  let bytes: Buffer;
  try {
    // Bounded: a device or a pipe has no size to check first (`dfopt lint /dev/zero` read until memory ran out).
    const fd = openSync(path, 'r');
    try {
      bytes = readBounded(fd, size);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new InputError(path, errorCode(error) === 'ENOENT' ? 'was deleted while dfopt ran' : describeFileError(error));
  }
  return decodeDockerfile(bytes, path);
}

/**
 * Reads `fd` to its end, or to one byte past MAX_DOCKERFILE_BYTES, where it stops: decodeDockerfile then reports the
 * input as too large ("more than the limit"), and a never-ending one (`yes | dfopt lint --stdin`) ends too.
 * `expectedBytes`: a regular file's size, when known (0: not known).
 */
export function readBounded(fd: number, expectedBytes = 0): Buffer {
  const limit = MAX_DOCKERFILE_BYTES + 1;
  // A file of known size takes one buffer of its size (one read, then one at its end), not 64 KiB per file of a
  // tree; a pipe's grows as it comes.
  let buffer = Buffer.allocUnsafe(Math.min(limit, expectedBytes > 0 ? expectedBytes + 1 : 64 * 1024));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length === limit) break;
      const bigger = Buffer.allocUnsafe(Math.min(limit, buffer.length * 2));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) break;
    length += n;
  }
  return buffer.subarray(0, length);
}

/** Validates and decodes bytes (files and stdin alike): not empty, not binary, valid UTF-8. */
export function decodeDockerfile(bytes: Uint8Array, name: string): string {
  if (bytes.length > MAX_DOCKERFILE_BYTES) {
    // Read through readBounded, which stops a byte past the limit.
    throw new InputError(name, `input is ${overLimitDetail()}`);
  }
  if (bytes.length === 0) throw new InputError(name, 'file is empty');
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw new InputError(name, 'binary file (contains NUL bytes), not a Dockerfile', lineAt(bytes, nul));
  // What a fatal TextDecoder (BOM kept) gives, without its set-up at the first decode of a run (Node's encoding
  // module and an ICU converter): isUtf8 rejects what it rejects, and valid UTF-8 reads the same either way.
  if (!isUtf8(bytes)) {
    throw new InputError(name, 'invalid UTF-8 (Dockerfiles must be UTF-8 text)', lineAt(bytes, firstInvalidUtf8(bytes)));
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new InputError(name, 'file is empty (only whitespace)');
  return text;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 10) line++;
  return line;
}

/** Offset of the first byte that starts an invalid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return 0;
}
