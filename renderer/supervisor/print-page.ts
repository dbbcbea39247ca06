/**
 * The print page's entry (print.html): the supervisor's day drawn by the same `reportView`
 * and stylesheets as the screen, for a printer in main (headless Chromium for the CLI and
 * the loopback host, Electron's printToPDF in the shell). The printer calls
 * `renderReportPage(page)` and prints once it resolves, when the fonts are in.
 */
import '@fontsource/noto-sans-bengali/400.css';
import '@fontsource/noto-sans-bengali/700.css';
import '../styles.css';
import './supervisor.css';
import type { ReportPage } from '../../main/contract/report-page.ts';
import { DAY_WORDS as D } from '../../main/contract/words.ts';
import { bi, h } from '../dom.ts';
import { reportView } from './report-view.ts';

declare global {
  interface Window {
    renderReportPage(page: ReportPage): Promise<void>;
  }
}

window.renderReportPage = async (page) => {
  document
    .getElementById('report')!
    .replaceChildren(h('header', { class: 'print-head' }, bi(D.page)), reportView(page));
  document.title = `BMET report ${page.report.date}`;
  // Fonts load when text needs them: ask for both weights with Bangla and Latin text, lay out, then wait for all.
  await Promise.all(
    ['400', '700'].map((w) => document.fonts.load(`${w} 16px "Noto Sans Bengali"`, 'বাংলা BMET 0123')),
  );
  void document.body.offsetHeight;
  await document.fonts.ready;
};
