import { defineRule } from '../../src/engine';
import type { InstructionNode } from '../../src/parse';
import { argsRange, lastBefore } from './support';

export default defineRule({
  meta: {
    id: 'json-cmd-entrypoint',
    aliases: ['DL3025', 'JSONArgsRecommended'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags `CMD` and `ENTRYPOINT` in shell form; use the JSON (exec) form.',
      rationale:
        'In shell form the command runs as a child of `/bin/sh -c`, and the shell does not pass on signals: `docker stop` ' +
        'sends SIGTERM to the shell, the program never sees it, and the container is killed after the timeout instead of ' +
        'shutting down cleanly. A shell-form ENTRYPOINT also ignores CMD and `docker run` arguments.',
      bad: 'FROM node:22-slim\nENTRYPOINT node server.js\nCMD --port 8080\n',
      good: 'FROM node:22-slim\nENTRYPOINT ["node", "server.js"]\nCMD ["--port", "8080"]\nHEALTHCHECK CMD curl -f http://localhost:8080/ || exit 1\n',
      notes:
        'Text that is not a valid JSON array of strings (`CMD [\'a\']` with single quotes) is shell form, as Docker reads it. ' +
        '`ONBUILD CMD` and the CMD of a HEALTHCHECK are not checked, as in hadolint. Every shell-form CMD/ENTRYPOINT is ' +
        'DL3025; BuildKit\'s JSONArgsRecommended is the same check except that it stays silent once a SHELL instruction ' +
        'has set the shell explicitly (in the stage or a stage it is built FROM), so those findings carry DL3025 only. ' +
        'If you need shell features, put them in a script and run that in exec form.',
    },
  },
  create(context) {
    const check = (node: InstructionNode): void => {
      if (node.execForm) return;
      const explicitShell = lastBefore(context.model, node, 'SHELL') !== undefined;
      context.report({
        range: argsRange(context.ast, node),
        code: explicitShell ? 'DL3025' : ['DL3025', 'JSONArgsRecommended'],
        message: `${node.keyword} at line ${node.range.start.line + 1} is in shell form, so the program runs as a child of the shell and does not receive signals; write it as a JSON array.`,
      });
    };
    return { CMD: check, ENTRYPOINT: check };
  },
});
