import { Menu, type MenuItemConstructorOptions } from 'electron';

/** The standard macOS menus, with File › Add Course Spec… (⌘O). */
export function buildAppMenu(actions: { addSpecs: () => void }): Menu {
  const template: MenuItemConstructorOptions[] = [
    { role: 'appMenu' },
    {
      label: 'File',
      submenu: [{ label: 'Add Course Spec…', accelerator: 'CmdOrCtrl+O', click: () => actions.addSpecs() }, { type: 'separator' }, { role: 'close' }],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'Course Spec Format', enabled: false }] },
  ];
  return Menu.buildFromTemplate(template);
}
