import type { StatementModel } from '../../core/privacy/index.ts';

/** [[label|/path]] → label */
export function linkLabels(text: string): string {
  return text.replace(/\[\[([^|\]]+)\|[^\]]+\]\]/g, '$1');
}

/** The statement as plain lines, for comparing versions. */
export function statementLines(model: StatementModel): string[] {
  const lines: string[] = [];
  for (const s of model.sections) {
    lines.push(`## ${s.title}`);
    for (const b of s.blocks) {
      if (b.kind === 'p') lines.push(linkLabels(b.text));
      else if (b.kind === 'list') for (const item of b.items) lines.push(`• ${linkLabels(item)}`);
      else for (const [label, value] of b.facts) lines.push(`${label}: ${linkLabels(value)}`);
    }
  }
  return lines;
}
