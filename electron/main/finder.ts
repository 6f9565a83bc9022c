import { shell } from 'electron';
import type { FileRevealer } from '../core/api/host-services.js';

/** Finder: the course folder selected, or its README opened in the default app. */
export const finder: FileRevealer = {
  canRevealFiles: true,
  async reveal(path) {
    shell.showItemInFolder(path);
  },
  async open(path) {
    const error = await shell.openPath(path);
    if (error) throw Object.assign(new Error(`cannot open ${path}: ${error}`), { code: 'OPEN_FAILED' });
  },
};
