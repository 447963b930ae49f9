// Which distroless `:nonroot` tags `npm run lab` must add to the lab's store before it builds. dfopt's multi-stage
// rewrites end in `gcr.io/distroless/<image>:nonroot`, and the shared lab's make-bases.sh makes only `:latest` of its
// stand-ins, so on a fresh store those builds fail with `image not known`. Google's `:nonroot` images are `:latest`
// with the nonroot user (uid and gid 65532, home /home/nonroot, which the stand-ins already hold) set in the image
// config, so the lab can make the tag offline from the `:latest` it has. The decision is here, free of buildah, for
// its unit test; scripts/lab.ts asks buildah what exists and runs the plan.
import { parseDockerfile } from '../src/parse';

/** The user, home and working directory of Google's distroless `:nonroot` images. */
export const NONROOT = { user: '65532:65532', home: '/home/nonroot', workdir: '/home/nonroot' } as const;

export interface NonrootPlan {
  /** Tags to make: `tag` from `from` with NONROOT's user, HOME and working directory. */
  readonly make: readonly { readonly tag: string; readonly from: string }[];
  /** `:nonroot` images a Dockerfile names that cannot be made here (no `:latest` of the same repository). */
  readonly missing: readonly string[];
}

const DISTROLESS_NONROOT = /^gcr\.io\/distroless\/[a-z0-9._-]+:nonroot$/;

/** The images the FROM lines of a Dockerfile name, as written (stage names and ARG-built references left out). */
export function fromImages(dockerfile: string): string[] {
  let instructions;
  try {
    instructions = parseDockerfile(dockerfile).instructions;
  } catch {
    // A Dockerfile the parser rejects fails its build with its own message; it needs no base from us.
    return [];
  }
  const stages = new Set<string>();
  const images: string[] = [];
  for (const inst of instructions) {
    if (inst.keyword !== 'FROM') continue;
    const [image, as, name] = inst.words.map((w) => w.value);
    if (image && !image.includes('$') && !stages.has(image.toLowerCase())) images.push(image);
    if (as?.toLowerCase() === 'as' && name) stages.add(name.toLowerCase());
  }
  return images;
}

/**
 * The plan for the Dockerfiles about to be built: every `gcr.io/distroless/<image>:nonroot` one of them names that
 * `exists` says is not in the store, made from `<image>:latest` when that exists; listed as missing otherwise. Each tag
 * once, in the order first named.
 */
export function planNonrootTags(dockerfiles: readonly string[], exists: (image: string) => boolean): NonrootPlan {
  const make: { tag: string; from: string }[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const image of dockerfiles.flatMap(fromImages)) {
    if (!DISTROLESS_NONROOT.test(image) || seen.has(image)) continue;
    seen.add(image);
    if (exists(image)) continue;
    const from = image.replace(/:nonroot$/, ':latest');
    if (exists(from)) make.push({ tag: image, from });
    else missing.push(image);
  }
  return { make, missing };
}
