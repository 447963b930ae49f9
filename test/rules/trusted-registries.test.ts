import rule from '../../rules/instructions/trusted-registries';
import { runRuleTests } from '../support/ruleTester';

const config = { trustedRegistries: ['docker.io', 'my-company.com'] };
const wildcard = { trustedRegistries: ['*.gcr.io', 'registry.acme.*'] };

runRuleTests(rule, {
  valid: [
    { name: 'nothing configured: anything goes', code: 'FROM evil.example/img:1.0\n' },
    { name: 'Docker Hub image via docker.io', code: 'FROM debian:12.5\n', config },
    { name: 'trusted registry', code: 'FROM my-company.com/base:1.0\n', config },
    { name: 'case-insensitive host', code: 'FROM My-Company.com/base:1.0\n', config },
    { name: 'scratch', code: 'FROM scratch\n', config: { trustedRegistries: ['my-company.com'] } },
    { name: 'earlier stage', code: 'FROM my-company.com/base:1.0 AS base\nFROM base\n', config: { trustedRegistries: ['my-company.com'] } },
    { name: 'wildcard prefix', code: 'FROM eu.gcr.io/proj/img:1\n', config: wildcard },
    { name: 'wildcard suffix', code: 'FROM registry.acme.internal/img:1\n', config: wildcard },
    { name: 'registry from an ARG with no default', code: 'ARG REGISTRY\nFROM ${REGISTRY}/img:1\n', config },
  ],
  invalid: [
    {
      code: 'FROM evil.example/img:1.0\n',
      config,
      errors: [{ line: 1, column: 6, endColumn: 26, message: "registry 'evil.example', which is not in trustedRegistries" }],
    },
    { name: 'second stage', code: 'FROM debian:12.5 AS a\nFROM gcr.io/distroless/base:nonroot\n', config, errors: [{ line: 2 }] },
    { name: 'Docker Hub not trusted', code: 'FROM debian:12.5\n', config: { trustedRegistries: ['my-company.com'] }, errors: [{ line: 1, message: 'Docker Hub' }] },
    { name: 'wildcard does not match another domain', code: 'FROM gcr.io.evil.com/img:1\n', config: wildcard, errors: [{ line: 1 }] },
    { name: 'ARG default resolved', code: 'ARG REGISTRY=quay.io\nFROM ${REGISTRY}/org/img:1\n', config, errors: [{ line: 2, message: "'quay.io'" }] },
    { name: 'image on a continuation line', code: 'FROM \\\n# pinned\n  quay.io/org/img:1\n', config, errors: [{ line: 3, column: 3 }] },
  ],
});
