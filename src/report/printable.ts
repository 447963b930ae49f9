// Control characters but tab (C0, DEL, C1) and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Text for a terminal or a log, with control characters written as `\x1b` or `\u2028`. Messages quote the Dockerfile
 * (a stage name, an unknown instruction) and reports name its path, both text dfopt does not control: printed as
 * they are, `FROBNICATE\x1b]0;pwned\x07` in a Dockerfile set the terminal's title, and other escape sequences can
 * rewrite what the terminal shows. Machine formats (JSON, SARIF, XML) carry the text exactly, in their own escapes.
 * The CLI's own lines on stderr go through it too: they name paths and quote the command line.
 */
export const printable = (text: string): string =>
  text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
