/**
 * The shell's report printer: the supervisor's page printed by Electron's own Chromium
 * (`webContents.printToPDF`) in a hidden, sandboxed window on the screens' print page —
 * the same page and stylesheet the CLI prints in headless Chromium, with no second browser.
 */
import { BrowserWindow } from 'electron';
import type { ReportPage } from '../contract/report-page.ts';
import { PRINT_PAGE, RENDER_FUNCTION, type ReportPrinter } from '../app/report-printer.ts';
import { APP_ORIGIN } from './app-protocol.ts';

export const printWithElectron: ReportPrinter = async (page: ReportPage) => {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false },
  });
  try {
    await win.loadURL(`${APP_ORIGIN}/${PRINT_PAGE}`);
    // The page's own function draws the report and resolves once its fonts are in (print-page.ts).
    await win.webContents.executeJavaScript(`window.${RENDER_FUNCTION}(${JSON.stringify(page)})`);
    const pdf = await win.webContents.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
    });
    return new Uint8Array(pdf);
  } finally {
    win.destroy();
  }
};
