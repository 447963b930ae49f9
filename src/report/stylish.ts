import type Picocolors from 'picocolors';
import type { Severity } from '../engine';
import { formatBytes, sumEstimates } from '../sizes';
import { printable } from './printable';
import { type FileResult, joinedStream, type ReportOptions, type ReportStream } from './types';

type Colours = Pick<typeof Picocolors, 'red' | 'yellow' | 'blue' | 'dim' | 'underline' | 'bold'>;
const same = (input: string | number | null | undefined): string => String(input);
/** What createColors(false) gives, without loading picocolors: its load reads process.stdout.isTTY, creating the stream. */
const plain: Colours = { red: same, yellow: same, blue: same, dim: same, underline: same, bold: same };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const colours = (): Colours => (require('picocolors') as typeof Picocolors).createColors(true);

/**
 * ESLint's default look: findings grouped by file, then a summary line with counts and what `fix` can do. Each file's
 * lines are written as its result comes; only the counts for the summary are kept.
 */
export function stylishStream(options: ReportOptions, write: (chunk: string) => void): ReportStream {
  const c = options.color ? colours() : plain;
  const paint: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, info: c.blue, style: c.dim };
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, style: 0 };
  let safe = 0;
  let unsafe = 0;
  let estimated = 0;
  let savings = 0;
  return {
    file(result: FileResult) {
      if (result.findings.length === 0) return;
      const sum = sumEstimates(result.findings.map((f) => f.estimate));
      estimated += sum.counted;
      savings += sum.bytes;
      const rows = result.findings.map((f) => {
        counts[f.severity]++;
        if (f.fix?.safety === 'safe') safe++;
        else if (f.fix?.safety === 'unsafe') unsafe++;
        return [`${f.range.start.line + 1}:${f.range.start.column + 1}`, f.severity, printable(f.message), f.ruleId, options.showFixDeclined ? f.fixDeclined && printable(f.fixDeclined) : undefined] as const;
      });
      const width = [0, 1].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
      let out = `\n${c.underline(printable(result.file))}\n`;
      for (const [pos, severity, message, rule, declined] of rows) {
        out += `  ${c.dim(pos.padEnd(width[0]!))}  ${paint[severity](severity.padEnd(width[1]!))}  ${message}  ${c.dim(rule)}\n`;
        if (declined) out += `  ${' '.repeat(width[0]! + width[1]! + 2)}  ${c.dim(`no fix: ${declined}`)}\n`;
      }
      write(out);
    },
    end() {
      // Every file with findings wrote its lines, so no findings means nothing was written: the report is empty.
      const total = counts.error + counts.warning + counts.info + counts.style;
      if (total === 0) return;
      const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
      const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning'), `${counts.info} info`];
      if (counts.style) parts.push(`${counts.style} style`);
      const mark = counts.error > 0 ? c.red(c.bold('✖')) : c.yellow(c.bold('⚠'));
      let out = `\n${mark} ${c.bold(`${plural(total, 'problem')} (${parts.join(', ')})`)}\n`;
      // Findings can overlap (a cache both left behind and deleted later), so the sum is an upper bound of what acting
      // saves; a multi-stage rewrite's estimate covers the whole image and stands alone for its file.
      if (estimated > 0) out += `  ${formatBytes(savings)} estimated savings from ${plural(estimated, 'size finding')} with an estimate\n`;
      if (safe > 0) out += `  ${safe} fixable with \`dfopt fix\`${unsafe ? `, ${unsafe} more with \`dfopt fix --unsafe\`` : ''}\n`;
      else if (unsafe > 0) out += `  ${unsafe} fixable with \`dfopt fix --unsafe\`\n`;
      write(out);
    },
  };
}

export const stylish = joinedStream(stylishStream);
