import { BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import type { SaveTarget } from '../core/api/host-services.js';

/**
 * Exports in the app: macOS's save panel, as a sheet on the focused window, opening in the
 * course's exports/ folder (where `fluentpro export` writes) with the course's file name.
 */
export const saveDialogTarget: SaveTarget = {
  async chooseSaveFile({ courseFolder, defaultName, formatLabel, extension }) {
    const options = {
      title: `Export ${formatLabel}`,
      buttonLabel: 'Export',
      defaultPath: join(courseFolder, 'exports', defaultName),
      // The last part of a double extension ("zip" of "scorm.zip") is what the panel can filter on.
      filters: [{ name: formatLabel, extensions: [extension.split('.').pop()!] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[],
    };
    const parent = BrowserWindow.getFocusedWindow();
    const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  },
};
