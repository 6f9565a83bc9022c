import type { QualityFinding, QualityReport, Repair } from './quality-types.js';

// The quality report in words: a "## Quality" section for the course's README.md and the same
// content as plain text for the terminal (`fluentpro check`). Both are built from one list of
// parts so they can never say different things.

/** "All checks hold." or "2 problems need attention.", with the warnings counted after. */
export function qualityVerdict(report: QualityReport): string {
  const problems = report.findings.filter((f) => f.severity === 'fail').length;
  const warnings = report.findings.length - problems;
  const head = problems === 0 ? 'All checks hold' : problems === 1 ? '1 problem needs attention' : `${problems} problems need attention`;
  return warnings === 0 ? `${head}.` : `${head}, with ${count(warnings, 'warning')}.`;
}

/** The figures a teacher compares between courses, as label and value. */
export function qualityFigures(report: QualityReport): [label: string, value: string][] {
  const m = report.metrics;
  const [least, most] = [Math.min(...m.estimatedMinutes), Math.max(...m.estimatedMinutes)];
  const minutes = m.estimatedMinutes.length === 0 ? '–' : least === most ? String(least) : `${least}–${most}`;
  return [
    ['new terms used in their lesson', `${m.coveragePct} %`],
    ['lessons reusing earlier terms', `${m.recyclingPct} %`],
    ['duplicate terms', String(m.duplicateTerms)],
    ['invalid quiz answers', String(m.invalidQuizAnswers)],
    ['empty sections', String(m.emptySections)],
    ['estimated minutes per lesson', minutes],
  ];
}

/** A finding as a sentence; every message already names its lesson ("lesson 5 introduces …"). */
export function findingLine(finding: QualityFinding): string {
  return capitalize(finding.message);
}

/** "Lesson 4 vocabulary: dropped "la mesa", already in lesson 2". */
export function repairLine(repair: Repair): string {
  return `${capitalize(repair.where)}: ${repair.detail}`;
}

export function renderQualityMarkdown(report: QualityReport): string {
  const figures = qualityFigures(report);
  const out = ['## Quality', '', qualityVerdict(report), '', `| ${figures.map(([label]) => label).join(' | ')} |`, `|${'---|'.repeat(figures.length)}`, `| ${figures.map(([, value]) => value).join(' | ')} |`, ''];
  for (const [title, findings] of findingGroups(report)) out.push(`### ${title}`, '', ...findings.map((f) => `- ${md(findingLine(f))}`), '');
  out.push('### Repairs made', '', ...(report.repairs.length ? report.repairs.map((r) => `- ${md(repairLine(r))}`) : ['No repairs were needed.']), '');
  return out.join('\n');
}

export function formatQualityText(report: QualityReport): string {
  const figures = qualityFigures(report);
  const width = Math.max(...figures.map(([label]) => label.length));
  const out = [`Quality: ${qualityVerdict(report)}`, '', ...figures.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`), ''];
  for (const [title, findings] of findingGroups(report)) out.push(`${title}:`, ...findings.map((f) => `  ${findingLine(f)}`), '');
  out.push(report.repairs.length ? 'Repairs made:' : 'No repairs were needed.', ...report.repairs.map((r) => `  ${repairLine(r)}`));
  return out.join('\n').trimEnd() + '\n';
}

/** Problems (rules that fail) before warnings (advice); a group with nothing in it is left out. */
function findingGroups(report: QualityReport): [string, QualityFinding[]][] {
  const groups: [string, QualityFinding[]][] = [
    ['Problems', report.findings.filter((f) => f.severity === 'fail')],
    ['Warnings', report.findings.filter((f) => f.severity === 'warn')],
  ];
  return groups.filter(([, findings]) => findings.length > 0);
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Markdown text is escaped only where it would change the layout (a new line, a table bar). */
function md(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
