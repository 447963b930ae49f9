import rule from '../../rules/buildkit-checks/invalid-default-arg-in-from';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'ARG TAG=latest\nFROM busybox:${TAG}\n',
    { name: 'empty ARG leaves a valid name', code: 'ARG VARIANT\nFROM busybox:stable${VARIANT}\n' },
    { name: 'modifier default', code: 'ARG TAG\nFROM alpine:${TAG:-3.14}\n' },
    { name: 'defaults chained through other ARGs', code: 'ARG REG=ghcr.io\nARG IMG=${REG}/org/app\nFROM ${IMG}:1.0\n' },
    { name: 'resolves to an earlier stage', code: 'ARG BASE=builder\nFROM alpine AS builder\nFROM ${BASE}\n' },
    { name: 'no variables', code: 'FROM alpine:3.20\n' },
    { name: 'allowRequiredArg: ARG without a default', code: 'ARG base\nFROM ${base}\n', options: { allowRequiredArg: true } },
    { name: 'allowRequiredArg: through another ARG', code: 'ARG REG\nARG IMG=${REG}/org/app\nFROM ${IMG}:1.0\n', options: { allowRequiredArg: true } },
    { name: 'devcontainer template placeholder in the ARG', code: 'ARG VARIANT=${templateOption:imageVariant}\nFROM mcr.microsoft.com/devcontainers/javascript-node:${VARIANT}\n' },
    { name: 'devcontainer template placeholder through another ARG', code: 'ARG V=${templateOption:imageVariant}\nARG TAG=1-${V}\nFROM node:${TAG}\n' },
    { name: 'devcontainer template placeholder in the FROM', code: 'FROM mcr.microsoft.com/azure-functions/node:4-node${templateOption:imageVariant}-core-tools\n' },
  ],
  invalid: [
    { name: 'docs example', code: 'ARG TAG\nFROM busybox:${TAG}\n', errors: [{ line: 2, column: 6, endColumn: 20, message: "'busybox:'" }] },
    { name: 'empty image', code: 'ARG IMAGE\nFROM $IMAGE\n', errors: [{ line: 2, message: 'empty image name' }] },
    { name: 'uppercase repository', code: 'ARG NAME=MyImage\nFROM ${NAME}:1\n', errors: [{ line: 2, message: "'MyImage:1'" }] },
    { name: 'undeclared arg too', code: 'FROM alpine:$VERSION\n', errors: [{ line: 1 }] },
    { name: 'a FROM without the template placeholder is still checked', code: 'ARG V=${templateOption:imageVariant}\nARG BASE\nFROM node:${V} AS a\nFROM ${BASE}\n', errors: [{ line: 4, message: 'empty image name' }] },
    { name: 'allowRequiredArg: a bad default is still reported', code: 'ARG TAG=1.0+build\nFROM alpine:${TAG}\n', options: { allowRequiredArg: true }, errors: [{ line: 2 }] },
    { name: 'allowRequiredArg: an undeclared variable is still reported', code: 'FROM alpine:$VERSION\n', options: { allowRequiredArg: true }, errors: [{ line: 1 }] },
    { name: 'allowRequiredArg: a later default makes it not required', code: 'ARG TAG\nARG TAG=\nFROM alpine:${TAG}\n', options: { allowRequiredArg: true }, errors: [{ line: 3 }] },
    { name: 'bad tag characters', code: 'ARG TAG=1.0+build\nFROM alpine:${TAG}\n', errors: [{ line: 2 }] },
  ],
});
