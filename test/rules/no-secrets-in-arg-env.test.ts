import rule from '../../rules/buildkit-checks/no-secrets-in-arg-env';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM alpine\nENV sunflower=foo\n',
    { name: 'allow-list words', code: 'FROM scratch\nENV PUBLIC_KEY=\nARG public_token\nARG SECRET_PASSPHRASE_FILE\nARG AUTH_MODULE_VERSION\n' },
    { name: 'token only inside a word', code: 'FROM alpine\nENV KEYCLOAK_URL=x MONKEY=1 AUTHOR=me\n' },
    { name: 'global ARG before FROM', code: 'ARG GITHUB_TOKEN\nFROM alpine\n' },
    { name: 'secret mount', code: 'FROM alpine\nRUN --mount=type=secret,id=aws,env=AWS_SECRET_ACCESS_KEY aws s3 ls\n' },
  ],
  invalid: [
    { name: 'docs example', code: 'FROM alpine\nARG AWS_ACCESS_KEY_ID\nARG AWS_SECRET_ACCESS_KEY\n', errors: [{ line: 2, column: 5, endColumn: 22 }, { line: 3 }] },
    { name: 'case-insensitive', code: 'FROM scratch\nENV SUPER_Secret=foo\n', errors: [{ line: 2, column: 5, endColumn: 17, message: 'ENV SUPER_Secret' }] },
    { name: 'several pairs', code: 'FROM scratch\nENV password=bar secret=baz\nARG super_duper_secret_token=foo auth=bar\n', errors: [{ line: 2 }, { line: 2 }, { line: 3 }, { line: 3 }] },
    { name: 'apikey and empty value', code: 'FROM scratch\nENV apikey=bar sunflower=foo\nENV git_key=\n', errors: [{ line: 2 }, { line: 3 }] },
    { name: 'legacy ENV form', code: 'FROM scratch\nENV DB_PASSWORD hunter2\n', errors: [{ line: 2 }] },
  ],
});
