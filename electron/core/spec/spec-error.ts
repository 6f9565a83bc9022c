/** One problem found in a spec file, precise enough to fix without guessing. */
export interface SpecProblem {
  /** Field path inside the spec ("topics.2"), or "" for the file as a whole. */
  path: string;
  /** What is wrong, in plain words. */
  message: string;
  /** How to fix it. */
  hint?: string;
  /** 1-based position in the file, when it is known. */
  line?: number;
  column?: number;
}

/** A spec file that cannot be used; `problems` lists every reason at once. */
export class SpecError extends Error {
  readonly code = 'SPEC_INVALID';
  constructor(
    readonly file: string,
    readonly problems: SpecProblem[],
  ) {
    super(formatSpecProblems(file, problems));
    this.name = this.constructor.name;
  }
}

/** `file:line:col: path: message — hint` lines, as compilers print them, so editors can jump there. */
export function formatSpecProblems(file: string, problems: readonly SpecProblem[]): string {
  return problems
    .map((p) => {
      const where = p.line ? `${file}:${p.line}:${p.column ?? 1}` : file;
      const field = p.path ? `${p.path}: ` : '';
      const hint = p.hint ? ` — ${p.hint}` : '';
      return `${where}: ${field}${p.message}${hint}`;
    })
    .join('\n');
}
