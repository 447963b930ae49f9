/** A parsed image reference: `[registry/]repository[:tag][@digest]`. */
export interface ImageRef {
  /** After ARG substitution (variables with no value become empty, as BuildKit does). */
  readonly text: string;
  readonly registry: string | null;
  readonly repository: string;
  readonly tag: string | null;
  readonly digest: string | null;
}

/** Docker's rule: the first path component is a registry when it has a `.` or `:` or is `localhost`. */
export function parseImageRef(text: string): ImageRef {
  let rest = text;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry: string | null = null;
  const slash = rest.indexOf('/');
  if (slash !== -1) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon !== -1 && !rest.slice(colon).includes('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { text, registry, repository: rest, tag, digest };
}
