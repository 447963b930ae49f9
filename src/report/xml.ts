/**
 * Characters XML 1.0 cannot carry at all, not even as character references: C0 controls other than tab, LF and CR,
 * U+FFFE/U+FFFF and unpaired surrogates. A Dockerfile (and so a message quoting it) may contain them.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // As references, so attribute-value normalisation and end-of-line handling give back the same tab, LF and CR.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Text safe in an XML 1.0 attribute value or element content; characters XML cannot hold become U+FFFD. */
export const escapeXml = (text: string): string => text.replace(NOT_XML_CHAR, '\uFFFD').replace(/[&<>"'\t\n\r]/g, (ch) => ENTITIES[ch]!);
