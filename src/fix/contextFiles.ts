import type { BuildContext, ContextFileEdit } from '../engine';
import { appendLines, SourceText } from '../parse';

/** A build-context file as a fix leaves it: `before` null when the fix creates it. */
export interface ContextFileChange {
  readonly before: string | null;
  readonly after: string;
}

/**
 * Appends `edit` to the file's current text (as earlier passes left it), on lines of its own, with the line ending
 * the file mostly has (a `.dockerignore` written on Windows keeps CRLF).
 */
export function appendToContextFile(files: Map<string, ContextFileChange>, context: BuildContext | undefined, edit: ContextFileEdit): void {
  const known = files.get(edit.path);
  const before = known ? known.before : (context?.read(edit.path) ?? null);
  const current = known ? known.after : (before ?? '');
  const { eol } = new SourceText(current);
  const lines = edit.append.replace(/\r?\n/g, eol);
  const appended = appendLines(current, lines.endsWith(eol) ? lines : lines + eol, eol);
  files.set(edit.path, { before, after: current.slice(0, appended.at) + appended.text + current.slice(appended.at) });
}

/** The build context as the pending file edits make it, so the next pass lints against what will be written. */
export function overlayContext(context: BuildContext | undefined, files: ReadonlyMap<string, ContextFileChange>): BuildContext | undefined {
  if (!context || files.size === 0) return context;
  const clean = (path: string): string => path.replace(/^\/+/, '').replace(/^\.\//, '');
  // No memo: what was remembered of the files on disk is not what the pending edits make them.
  const { memo: _memo, ...onDisk } = context;
  return {
    ...onDisk,
    read: (path) => files.get(clean(path))?.after ?? context.read(path),
    stat: (path) => {
      const file = files.get(clean(path));
      return file ? { size: Buffer.byteLength(file.after), isDirectory: false } : context.stat(path);
    },
    list: (dir) => {
      const prefix = clean(dir) === '.' || clean(dir) === '' ? '' : `${clean(dir).replace(/(?<!\/)\/+$/, '')}/`;
      const created = [...files.keys()].filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/')).map((p) => p.slice(prefix.length));
      return [...new Set([...context.list(dir), ...created])].sort();
    },
  };
}
