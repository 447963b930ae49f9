import { definePinRule } from './definePinRule';

export default definePinRule({
  id: 'pin-pip-versions',
  code: 'DL3013',
  tools: ['pip'],
  docs: {
    summary: 'Flags `pip install` of a package without a version specifier (`requests` instead of `requests==2.32.3`).',
    rationale:
      'An unpinned `pip install` resolves to the newest release on every build: the image changes without any edit to ' +
      'the Dockerfile, and a new major version can break the application. Pin with `==` (or a range), or install from ' +
      'a requirements or constraints file that pins everything.',
    bad: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask gunicorn\n',
    good:
      'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt \\\n' +
      ' && pip install --no-cache-dir gunicorn==22.0.0 ./dist/app-1.0-py3-none-any.whl\n',
    notes:
      'Pinned: any PEP 440 specifier (`==`, `>=`, `<`, `~=`, `!=`, `===`), VCS URLs with `@ref`, archives (`.whl`, ' +
      '`.tar.gz`, `.zip`), local paths (`.`, `./pkg`, `.[extra]`) and URLs. `-c/--constraint FILE` exempts the whole ' +
      'command; values of `-r`, `-e`, `-i`, `--index-url`, `-t`, `--root-user-action` and the other value options are ' +
      'not packages. `pip`, `pip3`, `pip3.12`, `python -m pip` and `uv pip` are recognised (`pipx` and `pipenv` are ' +
      'other tools). ' +
      'Differences from hadolint 2.12: `uv pip install` is checked; packages named next to `-r requirements.txt` are still checked (hadolint skips ' +
      'the command); `.[extra]` is a local path; package words from ARG/ENV are checked with their value and run-time ' +
      'variables are not guessed at; option values such as `--timeout 60` are not taken for packages.',
  },
});
