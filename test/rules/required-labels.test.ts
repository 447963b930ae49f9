import rule from '../../rules/labels/required-labels';
import { runRuleTests } from '../support/ruleTester';

const schema = { labelSchema: { maintainer: 'text' } };
const two = { labelSchema: { maintainer: 'text', 'org.opencontainers.image.version': 'semver' } };

runRuleTests(rule, {
  valid: [
    { name: 'no schema', code: 'FROM alpine:3.20\nRUN echo\n' },
    { code: 'FROM alpine:3.20\nLABEL maintainer="x"\n', config: schema },
    { name: 'inherited from the stage it is built FROM', code: 'FROM alpine:3.20 AS base\nLABEL maintainer="x"\nFROM base\nRUN echo\n', config: schema },
    {
      name: 'a build stage only copied from is not an image',
      code: 'FROM golang:1.22 AS build\nRUN go build\nFROM alpine:3.20\nLABEL maintainer="x"\nCOPY --from=build /o /o\n',
      config: schema,
    },
    {
      name: 'a stage copied from by index, and one only mounted',
      code: 'FROM golang:1.22\nRUN go build\nFROM node:22 AS assets\nFROM alpine:3.20\nLABEL maintainer="x"\nCOPY --from=0 /o /o\nRUN --mount=from=assets,target=/a cp -r /a /srv\n',
      config: schema,
    },
    {
      name: 'a base stage whose child has the label',
      code: 'FROM alpine:3.20 AS base\nRUN echo\nFROM base AS app\nLABEL maintainer="x"\n',
      config: schema,
    },
    {
      name: 'legacy form and continuation with a comment',
      code: 'FROM alpine:3.20\nLABEL a=1 \\\n# who\n  maintainer="x" \\\n  org.opencontainers.image.version=1.0.0\n',
      config: two,
    },
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nRUN echo\n', config: schema, errors: [{ line: 1, message: "lacks the label 'maintainer'" }] },
    { code: 'FROM alpine:3.20\nLABEL other="x"\n', config: schema, errors: [{ line: 1 }] },
    {
      name: 'second stage missing',
      code: 'FROM alpine:3.20 AS a\nLABEL maintainer="x"\nFROM debian:12\nRUN echo\n',
      config: schema,
      errors: [{ line: 3, message: 'FROM debian:12' }],
    },
    {
      name: 'all missing labels in one finding',
      code: 'FROM alpine:3.20 AS app\nRUN echo\n',
      config: two,
      errors: [{ line: 1, message: "Stage 'app' lacks the labels 'maintainer' and 'org.opencontainers.image.version'" }],
    },
    {
      name: 'ONBUILD LABEL does not label this image',
      code: 'FROM alpine:3.20\nONBUILD LABEL maintainer="x"\n',
      config: schema,
      errors: [{ line: 1 }],
    },
    {
      name: 'a label in a heredoc does not count',
      code: 'FROM alpine:3.20\nRUN <<EOF\necho LABEL maintainer=x\nEOF\n',
      config: schema,
      errors: [{ line: 1 }],
    },
    {
      name: 'two unrelated images',
      code: 'FROM alpine:3.20 AS cli\nRUN echo\nFROM alpine:3.20 AS server\nRUN echo\n',
      config: schema,
      errors: [{ line: 1 }, { line: 3 }],
    },
  ],
});
