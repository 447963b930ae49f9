import { defineRule } from '../../src/engine';
import { keyValuePairs } from '../../src/model/semanticModel';
import { escapeRegExp, type Stage } from '../../src/model';
import type { InstructionNode } from '../../src/parse';
import { commandUses } from '../../src/shell/commandQueries';

/** BuildKit's getSecretsRegex (frontend/dockerfile/dockerfile2llb/validations.go): a token as a whole `_`-separated word. */
const SECRET_TOKENS = ['apikey', 'auth', 'credential', 'credentials', 'key', 'password', 'pword', 'passwd', 'secret', 'token'];
const ALLOW_TOKENS = ['public', 'file', 'version'];
const DENY = new RegExp(`(?:_|^)(?:${SECRET_TOKENS.join('|')})(?:_|$)`, 'i');
const ALLOW = new RegExp(`(?:_|^)(?:${ALLOW_TOKENS.join('|')})(?:_|$)`, 'i');

export const looksSecret = (key: string): boolean => DENY.test(key) && !ALLOW.test(key);

/**
 * Values that are public by nature: GPG fingerprints and key ids (hex, possibly grouped by spaces), key servers and
 * other URLs, file paths. `ENV JENKINS_GPG_KEY 5E38…` names a key, it does not hold one; a secret is never written
 * as one of these, so the name alone misleads.
 */
const HEX_KEY_ID = /^(?:0x)?[0-9a-f]{8,}(?:\s+(?:0x)?[0-9a-f]{4,})*$/i;
// Hex alone is not enough: many API tokens are hex too. Only a name that says it is a signing key makes it a key id.
const SIGNING_KEY_NAME = /gpg|pgp|fingerprint|keyid|signing/i;
const URL_WITHOUT_USERINFO = /^[a-z][a-z0-9+.-]*:\/\/[^\s@]+$/i;
const FILE_PATH = /^(?:(?:~|\.{1,2})?\/[^\s]*|[A-Za-z]:\\\S*)$/;
export function looksPublicValue(key: string, value: string | null): boolean {
  const v = value?.trim() ?? '';
  if (v === '' || v.includes('$')) return false;
  return URL_WITHOUT_USERINFO.test(v) || FILE_PATH.test(v) || (SIGNING_KEY_NAME.test(key) && HEX_KEY_ID.test(v));
}

/**
 * One fingerprint (≤ 40 hex digits, maybe grouped by spaces) or a list of key ids: what gpg's key arguments take.
 * Longer hex runs (64-digit AES keys, hex tokens) are not key ids.
 */
function looksKeyIdList(value: string | null): boolean {
  const v = value?.trim() ?? '';
  if (!/^(?:0x)?[0-9a-f]{4,}(?:\s+(?:0x)?[0-9a-f]{4,})*$/i.test(v)) return false;
  const groups = v.split(/\s+/).map((g) => g.replace(/^0x/i, ''));
  const total = groups.reduce((n, g) => n + g.length, 0);
  return total >= 8 && groups.every((g) => g.length <= 40) && (total <= 40 || groups.every((g) => g.length >= 8));
}

// gpg options whose arguments are key ids or fingerprints (gpg also takes unambiguous prefixes such as `--recv`).
const GPG_KEY_OPTION = /^--(?:recv(?:-keys?)?|receive-keys|export|fingerprint|list-keys|list-public-keys|edit-key|lsign-key|trusted-key)$|^-k$/;
const GPG = new Set(['gpg', 'gpg2']);

/**
 * Whether a RUN of `stage` or of a stage built on it passes `$name` to gpg (or `apt-key adv`) where a key id goes:
 * `gpg --receive-keys "$STACK_RELEASE_KEY"` says the value is a public key's id, whatever the name.
 */
function usedAsGpgKeyId(stages: readonly Stage[], stage: Stage, name: string): boolean {
  const n = escapeRegExp(name);
  const ref = new RegExp(`\\$(?:\\{${n}\\}|${n}(?![A-Za-z0-9_]))`);
  const builtOn = (s: Stage): boolean => {
    for (let t: Stage | null = s, seen = 0; t && seen < stages.length; t = t.base.stage, seen++) if (t === stage) return true;
    return false;
  };
  return stages.filter(builtOn).some((s) =>
    s.instructions.some((inst) =>
      inst.keyword === 'RUN' &&
      commandUses(inst).some((u) => {
        const keyCommand = GPG.has(u.name) || (u.name === 'apt-key' && u.args[0]?.value === 'adv');
        return keyCommand &&
          u.args.some((w) => GPG_KEY_OPTION.test(w.value.split('=')[0]!)) &&
          u.args.some((w) => ref.test(w.raw));
      }),
    ),
  );
}

export default defineRule({
  meta: {
    id: 'no-secrets-in-arg-env',
    aliases: ['SecretsUsedInArgOrEnv'],
    category: 'security',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags ARG and ENV names that look like secrets (`*_PASSWORD`, `API_KEY`, `GITHUB_TOKEN`…).',
      rationale:
        'ENV values are stored in the image config and ARG values in its build history, where anyone who can pull the ' +
        'image can read them. Pass secrets with a secret mount (`RUN --mount=type=secret,id=…`), which is never persisted.',
      bad: 'FROM alpine:3.20\nARG AWS_SECRET_ACCESS_KEY\nENV DATABASE_PASSWORD=changeme\n',
      good:
        'FROM alpine:3.20\nARG PUBLIC_KEY_FILE=/etc/keys/pub.pem\nENV AUTH_MODULE_VERSION=2\n' +
        'RUN --mount=type=secret,id=aws,env=AWS_SECRET_ACCESS_KEY \\\n    aws s3 cp s3://bucket/file .\n',
      notes:
        'Uses BuildKit\'s SecretsUsedInArgOrEnv word lists exactly: a name is flagged when one of its `_`-separated words ' +
        '(case-insensitive) is apikey, auth, credential(s), key, password, pword, passwd, secret or token, unless another ' +
        'word is public, file or version (`PUBLIC_KEY`, `PASSWORD_FILE`, `TOKEN_VERSION` are fine). Like BuildKit, ARGs ' +
        'before the first FROM are not checked: they only reach an image when a stage re-declares them, and that ' +
        're-declaration is checked. Unlike BuildKit, a name whose value is public by nature is not flagged: a hex GPG ' +
        'fingerprint or key id under a name that says gpg, pgp, fingerprint, keyid or signing (`ENV GPG_KEY 5E38…`) or that ' +
        'the stage passes to gpg as a key (`gpg --receive-keys "$STACK_RELEASE_KEY"`, `apt-key adv --recv-keys`), a URL or key server without user:password (`hkps://keys.openpgp.org`), or an absolute or ' +
        'relative file path (`ARG KEY_PATH=/etc/ssl/key.pem`).',
    },
  },
  create(context) {
    const check = (inst: InstructionNode): void => {
      const stage = context.model.stageOf(inst);
      if (!stage) return;
      for (const { key, value, word } of keyValuePairs(inst)) {
        if (!looksSecret(key) || looksPublicValue(key, value)) continue;
        if (looksKeyIdList(value) && usedAsGpgKeyId(context.model.stages, stage, key)) continue;
        const range = word.range.end.offset - word.range.start.offset === word.value.length
          ? context.ast.source.range(word.range.start.offset, word.range.start.offset + key.length)
          : word.range;
        context.report({
          range,
          message: `${inst.keywordText} ${key} looks like a secret, and ${inst.keyword === 'ENV' ? 'ENV values stay in the image config' : 'ARG values stay in the image history'}; use a secret mount (RUN --mount=type=secret) instead.`,
        });
      }
    };
    return { ARG: check, ENV: check };
  },
});
