// Jest globalSetup: the CLI tests run the real bundled binary, so build it from the current sources first.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = () => {
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'scripts', 'build.js')], { stdio: 'inherit' });
};
