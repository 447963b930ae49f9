import rule from '../../rules/instructions/instruction-in-arguments';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM alpine:3.20\nRUN apk add \\\n    curl\n\nRUN echo done\n',
    { name: 'an indented keyword-like word right after a continuation is shell text', code: 'FROM node:22\nRUN npm \\\n    run build && echo \\\n    RUN\n' },
    { name: 'lower-case words', code: 'FROM alpine:3.20\nRUN echo \\\ncopy this\n' },
    { name: 'a keyword inside a heredoc body', code: 'FROM alpine:3.20\nRUN <<EOF\necho a \\\nRUN b\nEOF\n' },
    { name: 'an escaped escape at the end does not continue (corpus 00268.Dockerfile:22)', code: 'FROM alpine:3.20\nCOPY a \\\n\tC:\\\\System32\\\\\n\nENV V 1\n' },
    { name: 'a keyword glued to another character is not one (fix-properties counterexample)', code: 'FROM alpine:3.20\nCOPY a /b \\\nCOPY\uFEFF src/ /var/www/\n' },
    { name: 'KEY=value is not a keyword', code: 'FROM alpine:3.20\nENV A=1 \\\nUSER=me\n' },
  ],
  invalid: [
    {
      name: 'a stray \\ and an empty line swallow the next RUN (corpus 02205.Dockerfile:351-352)',
      code: 'FROM debian:12\nRUN apt-get clean && \\\n    rm -rf /var/lib/apt/lists/* \\\n\n# CI expects python\nRUN ln -s /usr/bin/python3 /usr/bin/python\n',
      errors: [{ line: 6, column: 1, endColumn: 4, message: "RUN at line 6 is part of the RUN at line 2 because line 3 ends with '\\'; remove that '\\' so RUN starts its own instruction." }],
      output: 'FROM debian:12\nRUN apt-get clean && \\\n    rm -rf /var/lib/apt/lists/*\n\n# CI expects python\nRUN ln -s /usr/bin/python3 /usr/bin/python\n',
    },
    {
      name: 'an unindented keyword right after the continuation',
      code: 'FROM alpine:3.20\nCOPY a.txt /a \\\nCOPY b.txt /b\n',
      errors: [{ line: 3, message: 'COPY at line 3 is part of the COPY at line 2' }],
      output: 'FROM alpine:3.20\nCOPY a.txt /a\nCOPY b.txt /b\n',
    },
    {
      name: 'the backtick escape',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo a `\n\nRUN echo b\n',
      errors: [{ line: 5, message: "line 3 ends with '`'" }],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo a\n\nRUN echo b\n',
    },
  ],
});
