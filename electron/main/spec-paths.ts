import { resolve } from 'node:path';

/** Files the app treats as course specs when opened from Finder, the Dock or the command line. */
export function isSpecPath(path: string): boolean {
  return /\.(ya?ml|json)$/i.test(path);
}

/**
 * Spec files named in a command line (a second instance's argv), skipping flags and the app,
 * made absolute against the folder that command ran in (a second instance's workingDirectory).
 */
export function specPathsIn(argv: string[], workingDirectory: string): string[] {
  return argv
    .slice(1)
    .filter((a) => !a.startsWith('-') && isSpecPath(a))
    .map((a) => resolve(workingDirectory, a));
}
