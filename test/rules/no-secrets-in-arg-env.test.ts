import rule from '../../rules/buildkit-checks/no-secrets-in-arg-env';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM alpine\nENV sunflower=foo\n',
    { name: 'allow-list words', code: 'FROM scratch\nENV PUBLIC_KEY=\nARG public_token\nARG SECRET_PASSPHRASE_FILE\nARG AUTH_MODULE_VERSION\n' },
    { name: 'token only inside a word', code: 'FROM alpine\nENV KEYCLOAK_URL=x MONKEY=1 AUTHOR=me\n' },
    { name: 'global ARG before FROM', code: 'ARG GITHUB_TOKEN\nFROM alpine\n' },
    {
      name: 'hex key id passed to gpg --receive-keys (02480)',
      code: "FROM debian\nARG STACK_RELEASE_KEY='C5705533DA4F78D8664B5DC0575159689BEFB442'\nRUN gpg --batch --keyserver keyserver.ubuntu.com --receive-keys \"$STACK_RELEASE_KEY\"\n",
    },
    { name: 'spaced fingerprint, gpg2 --recv-keys in a later stage', code: 'FROM debian AS base\nENV LLVM_KEY="6084 F3CF 814B 57C1 CF12  EFD5 15CF 4D18 AF4F 7421"\nFROM base\nRUN gpg2 --recv-keys ${LLVM_KEY}\n' },
    { name: 'apt-key adv --recv-keys', code: 'FROM ubuntu\nARG REPO_KEY=0x9DA31620334BD75D9DCB49F368818C72E52529D4\nRUN apt-key adv --keyserver hkp://keyserver.ubuntu.com:80 --recv-keys $REPO_KEY\n' },
    { name: 'secret mount', code: 'FROM alpine\nRUN --mount=type=secret,id=aws,env=AWS_SECRET_ACCESS_KEY aws s3 ls\n' },
  ],
  invalid: [
    { name: 'docs example', code: 'FROM alpine\nARG AWS_ACCESS_KEY_ID\nARG AWS_SECRET_ACCESS_KEY\n', errors: [{ line: 2, column: 5, endColumn: 22 }, { line: 3 }] },
    { name: 'case-insensitive', code: 'FROM scratch\nENV SUPER_Secret=foo\n', errors: [{ line: 2, column: 5, endColumn: 17, message: 'ENV SUPER_Secret' }] },
    { name: 'several pairs', code: 'FROM scratch\nENV password=bar secret=baz\nARG super_duper_secret_token=foo auth=bar\n', errors: [{ line: 2 }, { line: 2 }, { line: 3 }, { line: 3 }] },
    { name: 'apikey and empty value', code: 'FROM scratch\nENV apikey=bar sunflower=foo\nENV git_key=\n', errors: [{ line: 2 }, { line: 3 }] },
    { name: 'hex value not used as a gpg key', code: 'FROM alpine\nARG NEXT_PRIVATE_ENCRYPTION_KEY="CAFEBABE"\nRUN app --key $NEXT_PRIVATE_ENCRYPTION_KEY\n', errors: [{ line: 2 }] },
    { name: '64-digit hex is not a key id, even next to gpg', code: 'FROM alpine\nENV KEY=FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000000000000000000000000000\nRUN gpg --recv-keys $KEY\n', errors: [{ line: 2 }] },
    { name: 'gpg use in another stage does not count', code: 'FROM debian AS a\nARG RELEASE_KEY=C5705533DA4F78D8664B5DC0575159689BEFB442\nFROM debian\nARG RELEASE_KEY\nRUN gpg --recv-keys "$RELEASE_KEY"\n', errors: [{ line: 2 }, { line: 4 }] },
    { name: 'gpg without a key option (a prefix of the name is not a reference)', code: 'FROM debian\nARG RELEASE_KEY=C5705533DA4F78D8664B5DC0575159689BEFB442\nRUN gpg --verify x.asc "$RELEASE_KEY_FILE" && gpg --recv-keys $RELEASE_KEYS\n', errors: [{ line: 2 }] },
    { name: 'legacy ENV form', code: 'FROM scratch\nENV DB_PASSWORD hunter2\n', errors: [{ line: 2 }] },
  ],
});
