import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/**
 * A validator for the official SARIF 2.1.0 schema (rtm.5, as OASIS/SchemaStore publish it), from the npm package that
 * ships it. The schema is draft-04, and one of its patterns is not valid with the `u` flag, which Ajv 8 uses by default.
 */
export function sarifValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}
