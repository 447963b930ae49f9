import rule from '../../rules/package-managers/pin-gem-versions';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM ruby:3.3\nRUN gem install rails:7.2.2\n',
    { name: '-v', code: 'FROM ruby:3.3\nRUN gem install bundler -v 2.5.23\n' },
    { name: '--version= and --version', code: 'FROM ruby:3.3\nRUN gem install bundler --version=2.5.23 && gem i rake --version 13.2.1\n' },
    { name: 'local gem file', code: 'FROM ruby:3.3\nRUN gem install ./pkg/tool-1.0.gem\n' },
    { name: 'gem update is not an install', code: 'FROM ruby:3.3\nRUN gem update --system\n' },
    { name: 'option values are not gems', code: 'FROM ruby:3.3\nRUN gem install --install-dir /opt/gems --source https://rubygems.org rack:3.1.8\n' },
    { name: 'heredoc pinned', code: 'FROM ruby:3.3\nRUN <<EOF\ngem install rack:3.1.8\nEOF\n' },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN gem install rails\n' },
  ],
  invalid: [
    {
      code: 'FROM ruby:3.3\nRUN gem install rails\n',
      errors: [{ line: 2, column: 17, endColumn: 22, message: 'gem install at line 2 does not pin the version of `rails`; write `rails:<version>`' }],
    },
    { name: 'gem i', code: 'FROM ruby:3.3\nRUN gem i bundler --no-document\n', errors: [{ line: 2, column: 11 }] },
    { name: 'one of two', code: 'FROM ruby:3.3\nRUN gem install rake:13.2.1 rspec\n', errors: [{ line: 2, column: 29, message: '`rspec`' }] },
    { name: 'ONBUILD', code: 'FROM ruby:3.3\nONBUILD RUN gem install nokogiri\n', errors: [{ line: 2, column: 25 }] },
    { name: 'heredoc body', code: 'FROM ruby:3.3\nRUN <<EOF\ngem install rack\nEOF\n', errors: [{ line: 3, column: 13 }] },
  ],
});
