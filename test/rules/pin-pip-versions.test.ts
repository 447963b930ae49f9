import rule from '../../rules/package-managers/pin-pip-versions';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM python:3.12\nRUN pip install --no-cache-dir requests==2.32.3\n',
    { name: 'ranges and extras', code: "FROM python:3.12\nRUN pip install 'requests[socks]>=2.31,<3' 'django~=5.0'\n" },
    { name: 'requirements file', code: 'FROM python:3.12\nRUN pip install -r requirements.txt && pip install --requirement=dev.txt\n' },
    { name: 'constraints file pins what is named', code: 'FROM python:3.12\nRUN pip install -c constraints.txt requests\n' },
    { name: 'local paths, archives, VCS with ref', code: 'FROM python:3.12\nRUN pip install . .[dev] ./pkg dist/app-1.0-py3-none-any.whl git+https://github.com/org/repo@v1.2\n' },
    { name: 'editable install value', code: 'FROM python:3.12\nRUN pip install -e .\n' },
    { name: 'option values are not packages', code: 'FROM python:3.12\nRUN pip install --timeout 60 --root-user-action ignore -i https://pypi.example/simple flask==3.0.3\n' },
    { name: 'uv pip with constraints and option values', code: 'FROM python:3.12\nRUN uv pip install --system -p 3.12 --constraints c.txt httpx && uv pip install --python-preference system httpx==0.28.1\n' },
    { name: 'pipx is another tool', code: 'FROM python:3.12\nRUN pipx install black\n' },
    { name: 'heredoc pinned', code: 'FROM python:3.12\nRUN <<EOF\npip install flask==3.0.3\nEOF\n' },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN pip install flask\n' },
  ],
  invalid: [
    {
      code: 'FROM python:3.12\nRUN pip install --no-cache-dir requests\n',
      errors: [{ line: 2, column: 32, endColumn: 40, message: 'pip install at line 2 does not pin the version of `requests`; write `requests==<version>`' }],
    },
    { name: 'python -m pip', code: 'FROM python:3.12\nRUN python3 -m pip install --upgrade pip\n', errors: [{ line: 2, column: 38, message: 'python3 -m pip install' }] },
    { name: 'package next to a requirements file', code: 'FROM python:3.12\nRUN pip3 install -r requirements.txt gunicorn\n', errors: [{ line: 2, column: 38, message: '`gunicorn`' }] },
    { name: 'VCS URL without a ref', code: 'FROM python:3.12\nRUN pip install git+https://github.com/org/repo\n', errors: [{ line: 2, message: 'git+https://github.com/org/repo@<ref>' }] },
    {
      name: 'continuation with a comment line',
      code: 'FROM python:3.12\nRUN pip install \\\n# web\n    flask==3.0.3 \\\n    gunicorn\n',
      errors: [{ line: 5, column: 5, endColumn: 13 }],
    },
    { name: 'heredoc body', code: 'FROM python:3.12\nRUN <<EOF\npip install flask\nEOF\n', errors: [{ line: 3, column: 13 }] },
    {
      name: 'uv pip install',
      code: 'FROM python:3.12\nRUN uv pip install --system --python-preference system -r req.txt httpx\n',
      errors: [{ line: 2, column: 67, message: 'uv pip install at line 2 does not pin the version of `httpx`' }],
    },
  ],
});
