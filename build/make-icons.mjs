#!/usr/bin/env node
// `npm run icons`: every icon the app ships, made from the SVG sources in build/icon-src/ by
// rendering them in Chromium (the same system Chromium the tests use; FLUENTPRO_CHROMIUM to pick
// another). Outputs are committed; run this again after changing a source.
//   build/icon.icns, build/icon.png       the app icon (macOS icns with every size it uses)
//   build/icons/<n>x<n>.png               the app icon's PNG sizes (16 … 1024)
//   build/background.png, @2x             the dmg window's background
//   build/trayTemplate.png, @2x           the menu-bar icon: black with alpha (a template image)
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const build = dirname(fileURLToPath(import.meta.url));
const source = (name) => readFileSync(join(build, 'icon-src', name), 'utf8');

/** Renders an SVG at width × height pixels, keeping its transparency. */
async function render(page, svg, width, height) {
  await page.setViewportSize({ width, height });
  const data = Buffer.from(svg).toString('base64');
  await page.setContent(`<html><body style="margin:0;background:transparent"><img src="data:image/svg+xml;base64,${data}" width="${width}" height="${height}" style="display:block"></body></html>`);
  await page.waitForFunction(() => document.images[0]?.complete);
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width, height } });
}

/** An .icns file: PNG entries under the type codes macOS reads for each size. */
function icns(pngBySize) {
  const types = [['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024], ['ic11', 32], ['ic12', 64], ['ic13', 256], ['ic14', 512]];
  const entries = types.map(([type, size]) => {
    const png = pngBySize.get(size);
    const header = Buffer.alloc(8);
    header.write(type, 0, 'ascii');
    header.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([header, png]);
  });
  const header = Buffer.alloc(8);
  header.write('icns', 0, 'ascii');
  header.writeUInt32BE(8 + entries.reduce((n, e) => n + e.length, 0), 4);
  return Buffer.concat([header, ...entries]);
}

const browser = await chromium.launch({
  executablePath: process.env.FLUENTPRO_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  const app = source('app-icon.svg');
  const sizes = [16, 32, 64, 128, 256, 512, 1024];
  const pngs = new Map();
  mkdirSync(join(build, 'icons'), { recursive: true });
  for (const size of sizes) {
    const png = await render(page, app, size, size);
    pngs.set(size, png);
    writeFileSync(join(build, 'icons', `${size}x${size}.png`), png);
  }
  writeFileSync(join(build, 'icon.png'), pngs.get(1024));
  writeFileSync(join(build, 'icon.icns'), icns(pngs));

  const background = source('dmg-background.svg');
  writeFileSync(join(build, 'background.png'), await render(page, background, 540, 380));
  writeFileSync(join(build, 'background@2x.png'), await render(page, background, 1080, 760));

  const tray = source('tray-template.svg');
  writeFileSync(join(build, 'trayTemplate.png'), await render(page, tray, 16, 16));
  writeFileSync(join(build, 'trayTemplate@2x.png'), await render(page, tray, 32, 32));
  console.log(`icons written to ${build}`);
} finally {
  await browser.close();
}
