import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface AppMenuActions {
  addSpecs: () => void;
  /** File › Export…: asks the window to open the Export menu of the course in view. */
  exportCourse?: () => void;
  /** Opens README.md (the app's manual), bundled with the app. */
  openHelp?: () => void;
  /** Opens the course spec reference (examples/COURSE-SPEC.md), bundled with the app. */
  openSpecReference?: () => void;
  /** Opens the folder of example specs in Finder. */
  openExamples?: () => void;
}

/** The standard macOS menus, with File › Add Course Spec… (⌘O), File › Export… (⌘E) and a Help menu that opens the bundled docs. */
export function buildAppMenu(actions: AppMenuActions): Menu {
  const item = (label: string, action: (() => void) | undefined): MenuItemConstructorOptions => ({ label, enabled: action !== undefined, click: () => action?.() });
  const template: MenuItemConstructorOptions[] = [
    // The app menu's About item shows the panel set with app.setAboutPanelOptions (name, version).
    { role: 'appMenu' },
    {
      label: 'File',
      submenu: [
        { label: 'Add Course Spec…', accelerator: 'CmdOrCtrl+O', click: () => actions.addSpecs() },
        { ...item('Export…', actions.exportCourse), accelerator: 'CmdOrCtrl+E' },
        { type: 'separator' },
        { role: 'close' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    { role: 'help', submenu: [item('FluentPro Help', actions.openHelp), item('Course Spec Reference', actions.openSpecReference), item('Example Specs', actions.openExamples)] },
  ];
  return Menu.buildFromTemplate(template);
}
