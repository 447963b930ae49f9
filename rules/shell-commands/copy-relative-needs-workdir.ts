import { defineRule } from '../../src/engine';
import type { Stage } from '../../src/model';
import { baseImageWorkdir } from '../../src/model/baseWorkdir';

const unquote = (s: string): string => s.replace(/^["']+|["']+$/g, '');

export default defineRule({
  meta: {
    id: 'copy-relative-needs-workdir',
    aliases: ['DL3045'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    options: {
      trustBaseImageWorkdir: {
        type: 'boolean',
        description:
          'Count the WORKDIR that a known official base image sets itself (golang, php apache/fpm, redis, tomcat, httpd) ' +
          'as set, and `FROM scratch`, whose working directory can only be /, so a relative COPY there is not reported.',
        default: false,
        recommendedDefault: true,
      },
    },
    docs: {
      summary: 'Flags COPY to a relative destination in a stage where no WORKDIR has been set.',
      rationale:
        'A relative COPY destination is resolved against the working directory, which, until a WORKDIR sets it, is ' +
        'whatever the base image chose: `/` for most images, something else for others, and it can change when the ' +
        'base image is updated. Set WORKDIR first, or copy to an absolute path.',
      bad: 'FROM python:3.12-slim\nCOPY requirements.txt .\n',
      good:
        'FROM python:3.12-slim AS base\nWORKDIR /app\nCOPY requirements.txt .\nFROM base\nCOPY src/ src/\nCOPY entrypoint.sh /usr/local/bin/\n',
      notes:
        'A WORKDIR counts when it comes earlier in the same stage or in a stage this one is built FROM (`FROM base`). ' +
        'Absolute destinations (`/app`, `C:\\app`, `c:/app`) and destinations starting with a variable are not ' +
        'flagged. ONBUILD COPY is not checked (its working directory is the downstream build\'s), as in hadolint. ' +
        'Difference from hadolint 2.12: it keys stages by image name, so a WORKDIR in an unrelated earlier ' +
        '`FROM debian` stage counts for a later `FROM debian` stage; we only follow real stage inheritance. ' +
        'Under `recommended` (option `trustBaseImageWorkdir`), a stage whose image (through `FROM <stage>`) starts ' +
        'from an official image known to set a WORKDIR is not reported: `golang` (WORKDIR $GOPATH, /go), `php` ' +
        'apache and fpm variants (/var/www/html), `redis` (/data), `tomcat` ($CATALINA_HOME), `httpd` ' +
        '($HTTPD_PREFIX), as their Dockerfiles in the docker-library repositories set it; nor is a stage from `scratch`, ' +
        'which has no base to set a working directory, so it is always /. `strict`, `all` and ' +
        '`hadolint` report it as hadolint\'s DL3045 does.',
    },
  },
  create(context) {
    const withWorkdir = new Set<Stage>();
    // Whether a stage it is built FROM set a WORKDIR, known once per stage: those stages come earlier in the file, so
    // their WORKDIRs are all seen by the stage's first COPY, and asking the whole chain per COPY cost N² on long chains.
    const inherited = new Map<Stage, boolean>();
    const inheritsWorkdir = (stage: Stage): boolean => {
      const path: Stage[] = [];
      let s: Stage | null = stage.base.stage;
      let found = false;
      for (const seen = new Set<Stage>([stage]); s && !seen.has(s); s = s.base.stage) {
        const known = inherited.get(s);
        if (withWorkdir.has(s) || known) {
          found = true;
          break;
        }
        if (known === false) break;
        seen.add(s);
        path.push(s);
      }
      for (const p of path) inherited.set(p, found);
      return found;
    };
    const trustBase = context.options.trustBaseImageWorkdir === true;
    /** The image the stage's chain of `FROM <stage>` starts from sets a WORKDIR of its own, or is scratch (always /). */
    const baseSetsWorkdir = (stage: Stage): boolean => {
      let s = stage;
      for (const seen = new Set<Stage>(); s.base.stage && !seen.has(s); s = s.base.stage) seen.add(s);
      if (s.base.stage) return false;
      // Hand check 2026-12-09 (00536.Dockerfile:81): no base image can move scratch's working directory from /.
      return s.base.isScratch || (s.base.unresolvedArgs.length === 0 && baseImageWorkdir(s.base.ref) !== null);
    };
    const hasWorkdir = (stage: Stage): boolean => {
      if (withWorkdir.has(stage) || (trustBase && baseSetsWorkdir(stage))) return true;
      let known = inherited.get(stage);
      if (known === undefined) inherited.set(stage, (known = inheritsWorkdir(stage)));
      return known;
    };
    return {
      WORKDIR(workdir) {
        const stage = context.model.stageOf(workdir);
        if (stage) withWorkdir.add(stage);
      },
      COPY(copy) {
        const stage = context.model.stageOf(copy);
        if (!stage || hasWorkdir(stage)) return;
        const words = copy.execForm ? null : copy.words.filter((w) => !w.value.startsWith('<<'));
        const dest = copy.execForm ? copy.execForm[copy.execForm.length - 1] : words?.[words.length - 1]?.value;
        if (dest === undefined || (copy.execForm ? copy.execForm.length : (words?.length ?? 0) + copy.heredocs.length) < 2) return;
        const path = unquote(dest);
        if (path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:([\\/]|$)/.test(path) || path.startsWith('$')) return;
        const word = words?.[words.length - 1];
        const range = word ? word.range : copy.range;
        context.report({
          range,
          message: `COPY at line ${copy.range.start.line + 1} copies to the relative path '${path}' with no WORKDIR set in this stage; add a WORKDIR before it or use an absolute destination.`,
        });
      },
    };
  },
});
