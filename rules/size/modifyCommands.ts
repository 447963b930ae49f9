/**
 * Reading the commands that change files in place (`chmod`, `chown`, `chgrp`, `touch`, `sed -i`, `mv`, `setfacl`):
 * which operands they change, whether they recurse, and the mode or owner they set. Used by modify-in-later-layer.
 */
import { basename, type ShellWord } from '../../src/shell';

export type ModifyVerb = 'chmod' | 'chown' | 'chgrp' | 'touch' | 'sed' | 'mv' | 'setfacl';

export interface Modification {
  readonly verb: ModifyVerb;
  /** The paths it changes, as written. */
  readonly targets: readonly ShellWord[];
  /** Whether it changes everything below a directory operand too (`-R`, `mv`). */
  readonly recursive: boolean;
  /** chmod: the mode as written (null with `--reference`). */
  readonly mode: string | null;
  /** chown/chgrp: the owner (`user`, `user:group`, `:group`) or group as written (null with `--reference`). */
  readonly owner: string | null;
  /** Options other than the recursive flag and the quiet/verbose ones, which a COPY flag cannot express. */
  readonly otherOptions: boolean;
}

const QUIET = new Set(['-f', '-v', '-c', '--silent', '--quiet', '--verbose', '--changes', '--preserve-root', '--no-preserve-root']);
/** Symbolic modes with literal permissions only (`u+x,go-w`); the copy forms (`g=u`) are left out. */
const SYMBOLIC_MODE = /^[ugoa]*[-+=][rwxXst]*([-+=][rwxXst]*)*(,[ugoa]*[-+=][rwxXst]*([-+=][rwxXst]*)*)*$/;

/** `644`, `0755`, `4755`: a mode COPY --chmod takes from every builder. */
export const isOctalMode = (mode: string): boolean => /^[0-7]{3,4}$/.test(mode);
/** `+x`, `u+x,go-w`, `a=rX`: accepted by COPY --chmod only from dockerfile frontend 1.14 on. */
export const isSymbolicMode = (mode: string): boolean => SYMBOLIC_MODE.test(mode);

/**
 * chmod/chown/chgrp: options, then the mode or owner (unless `--reference`), then the files. Null for
 * `chown --from=…`, which changes only files that already have a given owner (what it changes is unknown).
 */
function ownership(verb: 'chmod' | 'chown' | 'chgrp', args: readonly ShellWord[]): Modification | null {
  let recursive = false;
  let otherOptions = false;
  let reference = false;
  let setting: string | null = null;
  const targets: ShellWord[] = [];
  let options = true;
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const v = w.value;
    if (options && (v === '--from' || v.startsWith('--from='))) return null;
    if (options && v === '--reference') {
      reference = true;
      i++;
    } else if (options && v === '--') options = false;
    else if (options && verb === 'chmod' && setting === null && !reference && /^-[rwxXst]+$/.test(v)) setting = v;
    else if (options && v.startsWith('-') && v.length > 1) {
      if (v === '-R' || v === '--recursive') recursive = true;
      else if (v.startsWith('--reference')) reference = true;
      else if (/^-[A-Za-z]+$/.test(v) && !v.startsWith('--')) {
        for (const letter of v.slice(1)) {
          if (letter === 'R') recursive = true;
          else if (!'fvc'.includes(letter)) otherOptions = true;
        }
      } else if (!QUIET.has(v)) otherOptions = true;
    } else if (setting === null && !reference) setting = v;
    else targets.push(w);
  }
  return { verb, targets, recursive, mode: verb === 'chmod' ? setting : null, owner: verb === 'chmod' ? null : setting, otherOptions };
}

const TOUCH_VALUE = new Set(['-d', '-t', '-r', '--date', '--reference']);
const SED_VALUE = new Set(['-e', '-f', '-l', '--expression', '--file', '--line-length']);
const MV_VALUE = new Set(['-S', '--suffix']);
const SETFACL_VALUE = new Set(['-m', '-M', '-x', '-X', '--set', '--set-file', '--modify', '--modify-file', '--remove', '--remove-file']);

/** The in-place change `argv` makes, or null when it is not one (or `sed` without `-i`). */
export function modification(argv: readonly ShellWord[]): Modification | null {
  const exe = basename(argv[0]?.value ?? '');
  const args = argv.slice(1);
  const plain = (verb: ModifyVerb, valued: ReadonlySet<string>, recursive = false): { targets: ShellWord[]; recursive: boolean; flags: string[] } => {
    const targets: ShellWord[] = [];
    const flags: string[] = [];
    let options = true;
    for (let i = 0; i < args.length; i++) {
      const v = args[i]!.value;
      if (options && v === '--') options = false;
      else if (options && v.startsWith('-') && v.length > 1) {
        flags.push(v);
        if (valued.has(v)) i++;
        if (verb === 'setfacl' && /^-[A-Za-z]*R[A-Za-z]*$/.test(v)) recursive = true;
      } else targets.push(args[i]!);
    }
    return { targets, recursive, flags };
  };
  switch (exe) {
    case 'chmod':
    case 'chown':
    case 'chgrp':
      return ownership(exe, args);
    case 'touch': {
      const { targets } = plain('touch', TOUCH_VALUE);
      return { verb: 'touch', targets, recursive: false, mode: null, owner: null, otherOptions: true };
    }
    case 'setfacl': {
      if (args.some((w) => w.value.startsWith('--restore'))) return null;
      const { targets, recursive } = plain('setfacl', SETFACL_VALUE);
      return { verb: 'setfacl', targets, recursive, mode: null, owner: null, otherOptions: true };
    }
    case 'mv': {
      const { targets, flags } = plain('mv', MV_VALUE);
      const t = args.findIndex((w) => w.value === '-t' || w.value === '--target-directory');
      const intoDir = t !== -1 || flags.some((f) => f.startsWith('--target-directory='));
      const sources = intoDir ? targets.filter((w) => w !== args[t + 1]) : targets.slice(0, -1);
      return { verb: 'mv', targets: sources, recursive: true, mode: null, owner: null, otherOptions: true };
    }
    case 'sed': {
      let inPlace = false;
      let scriptGiven = false;
      const operands: ShellWord[] = [];
      for (let i = 0; i < args.length; i++) {
        const v = args[i]!.value;
        if (v === '--in-place' || v.startsWith('--in-place=')) inPlace = true;
        else if (v === '--expression' || v === '--file' || v === '-e' || v === '-f') {
          scriptGiven = true;
          i++;
        } else if (v.startsWith('--expression=') || v.startsWith('--file=')) scriptGiven = true;
        else if (SED_VALUE.has(v)) i++;
        else if (/^-[A-Za-z]/.test(v) && !v.startsWith('--')) {
          // -i[SUFFIX]: letters after the i are its suffix; -e/-f take the rest or the next word as their value.
          for (let k = 1; k < v.length; k++) {
            const letter = v[k]!;
            if (letter === 'i') {
              inPlace = true;
              break;
            }
            if (letter === 'e' || letter === 'f') {
              scriptGiven = true;
              if (k === v.length - 1) i++;
              break;
            }
            if (letter === 'l') {
              if (k === v.length - 1) i++;
              break;
            }
          }
        } else if (v.startsWith('--')) continue;
        else operands.push(args[i]!);
      }
      if (!inPlace) return null;
      return { verb: 'sed', targets: scriptGiven ? operands : operands.slice(1), recursive: false, mode: null, owner: null, otherOptions: true };
    }
    default:
      return null;
  }
}
