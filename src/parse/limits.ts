/**
 * The largest text dfopt reads as a Dockerfile, for the command line and the language server alike. Real Dockerfiles
 * are a few KiB (the largest in our 3254-file corpus is 32 KiB); past this it is not one, and a lint of a 1 MiB file
 * of one-line RUNs takes seconds, which an editor would pay at every keystroke.
 */
export const MAX_DOCKERFILE_BYTES = 1024 * 1024;

/**
 * `file is too large (1.2 MiB; the limit is 1.0 MiB)` without the `file is`: the detail every reader reports. In bytes
 * when the sizes would read the same (1.0 MiB against 1.0 MiB).
 */
export function tooLargeDetail(bytes: number, max = MAX_DOCKERFILE_BYTES): string {
  const [size, limit] = [binaryBytes(bytes), binaryBytes(max)];
  return size === limit ? `too large (${bytes} bytes; the limit is ${max} bytes)` : `too large (${size}; the limit is ${limit})`;
}

const binaryBytes = (n: number): string =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} bytes`;

/** tooLargeDetail for input read only up to the limit (a pipe, a device): its whole size is not known. */
export const overLimitDetail = (): string => `too large (more than the limit, ${binaryBytes(MAX_DOCKERFILE_BYTES)})`;
