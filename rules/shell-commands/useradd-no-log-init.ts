import { defineRule } from '../../src/engine';
import { commandUses, parseOptions, wordSpan } from '../../src/shell/commandQueries';
import type { SizeEstimate } from '../../src/sizes';
import { debianDataApplies } from '../size/estimates';
import { insertOptionAfterProgram } from './insertOption';
import { runListeners } from './runListeners';

/** useradd's one-letter options that take a value. */
const USERADD_VALUES = 'bcdefgGkKpPRsuZ';
/**
 * Debian 12's useradd (passwd 1:4.13+dfsg1-1+deb12u2) carries shadow's fix for Debian #1019245: it no longer extends
 * lastlog and faillog to a new UID's record. Measured here on the lab's debian:bookworm-slim: after
 * `useradd -m -u 1001000 app` both files are still 0 bytes (docs/size-estimates.md).
 */
const DEBIAN12: SizeEstimate = {
  bytes: 0,
  basis: 'measured on Debian 12: its useradd (passwd 1:4.13) leaves /var/log/lastlog and /var/log/faillog at 0 bytes for a new high UID',
};

const USERADD_LONG_VALUES = [
  'base-dir', 'comment', 'home-dir', 'expiredate', 'inactive', 'gid', 'groups', 'skel', 'key', 'password', 'prefix',
  'root', 'shell', 'uid', 'selinux-user', 'btrfs-subvolume',
];

export default defineRule({
  meta: {
    id: 'useradd-no-log-init',
    aliases: ['DL3046'],
    category: 'size',
    severity: 'warning',
    fix: 'unsafe',
    docs: {
      summary: 'Flags `useradd` with a high UID (six digits or more) and without `-l`/`--no-log-init`.',
      rationale:
        'useradd records every new user in /var/log/lastlog and /var/log/faillog, files indexed by UID. With a UID ' +
        'such as 1000000 they become sparse files of hundreds of megabytes; the layer tarball does not keep them ' +
        'sparse, so the image grows by that much. `useradd -l` (`--no-log-init`) skips those records. Debian 12 ' +
        '(shadow 4.13, Debian #1019245) no longer extends the files for a new UID: measured here, both stay at 0 bytes, ' +
        'so on debian:bookworm(-slim) the message says so and the finding carries an estimate of 0 bytes (any ' +
        '`minSavings` drops it); other bases get no estimate, since the useradd version they ship is not known here.',
      bad: 'FROM debian:12\nRUN useradd -m -u 1000000 app\n',
      good: 'FROM debian:12\nRUN useradd -l -m -u 1000000 app\nRUN useradd -m -u 1000 builder\n',
      notes:
        'A UID counts as high from 100000 (six digits), as in hadolint. The UID may be given as `-u N`, `-uN`, in a ' +
        'cluster (`-mu N`), or as `--uid N`/`--uid=N`; hadolint 2.12 only reads `-u`, so `--uid 1000000` is a ' +
        'deliberate difference. A UID from a variable (`-u $UID`) is not guessed (hadolint measures the text ' +
        '`${USER_ID}` and flags it). Checked in shell form, heredoc bodies, exec form and ONBUILD RUN, also behind sudo.',
      fixSafety:
        'The fix adds `-l` right after `useradd` (`useradd -l -m -u 1000000 app`; `"useradd", "-l", …` in exec form), ' +
        'so the user is created as before but without the lastlog/faillog records. It is unsafe because it changes ' +
        'the words a RUN executes and the files of the layer (those two logs no longer hold the new UID). Only ' +
        'commands the rule reports are fixed: a UID below 100000, from a variable, or a useradd already given ' +
        '`-l`/`--no-log-init` is left as it is.',
    },
  },
  create(context) {
    return runListeners(
      context,
      (run) => {
        const debian12 = debianDataApplies(context.model.stageOf(run));
        for (const use of commandUses(run)) {
          if (use.name !== 'useradd') continue;
          const parsed = parseOptions(use.args, { shortWithValue: USERADD_VALUES, longWithValue: USERADD_LONG_VALUES });
          if (parsed.options.some((o) => o.name === 'l' || o.name === 'no-log-init')) continue;
          const uid = parsed.options.find((o) => (o.name === 'u' || o.name === 'uid') && o.value !== null && /^\d{6,}$/.test(o.value));
          if (!uid) continue;
          const span = wordSpan(use, uid.word);
          const range = context.ast.source.range(span.start, span.end);
          context.report({
            range,
            message: debian12
              ? `useradd at line ${range.start.line + 1} creates UID ${uid.value} without \`-l\`; Debian 12's useradd no longer writes lastlog/faillog records for it (nothing added, measured), but older releases write huge files into the layer; add \`--no-log-init\` (\`-l\`).`
              : `useradd at line ${range.start.line + 1} creates UID ${uid.value} without \`-l\`, which writes huge lastlog/faillog files into the layer; add \`--no-log-init\` (\`-l\`).`,
            ...(debian12 ? { estimate: DEBIAN12 } : {}),
            fix: () => insertOptionAfterProgram(context.ast, use, '-l'),
          });
        }
      },
      { onbuild: true },
    );
  },
});
