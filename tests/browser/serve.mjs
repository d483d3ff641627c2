// SPDX-License-Identifier: EUPL-1.2
// The web workspace of paraphe serve in headless chromium (issue 17):
// create a convention from the drafts page, see the SIREN error appear
// beside its field as it is typed, fix it, see the preview refresh,
// download the PDF and count its pages.  Screenshots of each kind of page
// go to $SCREENSHOTS when it is set.  TAP on the standard output.
//   node serve.mjs PARAPHE CHROMIUM
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LONG, tap, startServer, stopServer, launch, shot, download } from './lib.mjs';

const [paraphe, chromium] = process.argv.slice(2);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paraphe-browser-'));
const { ok, done } = tap();
const { server, url } = await startServer(paraphe, path.join(tmp, 'data'));
const browser = await launch(chromium);
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(LONG);
  await page.setViewport({ width: 1400, height: 1000 });
  await page.goto(`${url}/`);
  ok((await page.$eval('html', (e) => e.lang)) === 'fr', 'the drafts page is in French');
  await shot(page, 'brouillons');

  // Create a convention from the filled example.
  await page.type('#nom', 'Mobilité verte');
  await page.select('#modeles', 'convention');
  await page.click('input[name="exemple"]');
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  const link = await page.$('a[href^="/brouillons/"]');
  ok(link !== null, 'the new draft is listed');
  await Promise.all([page.waitForNavigation(), link.click()]);
  ok(await page.$('#fpartenaire-siren') !== null, 'the edit form has the SIREN field');
  await page.waitForSelector('#apercus img');
  const before = await page.$eval('#apercus', (e) => e.dataset.version);
  ok(before !== undefined, 'the preview is shown beside the form');
  await shot(page, 'edition');

  // A wrong check digit: the error appears beside the field.
  await page.click('#fpartenaire-siren', { clickCount: 3 });
  await page.keyboard.press('Backspace');
  await page.type('#fpartenaire-siren', '903124575');
  await page.waitForFunction(() =>
    document.querySelector('#mpartenaire-siren').textContent.length > 0);
  const msg = await page.$eval('#mpartenaire-siren', (e) => e.textContent);
  ok(/903124575|SIREN|siren|check|clé|contr/i.test(msg),
    'the SIREN error appears beside its field', msg);
  ok(await page.$eval('#resume', (e) => e.className) === 'resume',
    'the summary at the top counts an error');
  await shot(page, 'edition-erreur');

  // Fixed: the message goes, the draft is saved, the preview refreshes.
  await page.click('#fpartenaire-siren', { clickCount: 3 });
  await page.keyboard.press('Backspace');
  await page.type('#fpartenaire-siren', '552100554');
  await page.waitForFunction((v) =>
    document.querySelector('#apercus').dataset.version !== v, {}, before);
  ok(await page.$eval('#mpartenaire-siren', (e) => e.textContent) === '',
    'the message goes once the SIREN is right');
  await page.waitForFunction(() => {
    const im = document.querySelector('#apercus img');
    return im && im.complete && im.naturalWidth > 0;
  });
  const after = await page.$eval('#apercus', (e) => e.dataset.version);
  ok(after !== before, `the preview refreshes (version ${before} to ${after})`);

  // The PDF, downloaded as the link does.
  const href = await page.$eval('a[href$="/convention.pdf"]', (a) => a.href);
  const pdf = path.join(tmp, 'convention.pdf');
  await download(page, href, pdf);
  let pages = 0;
  try {
    pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())[1]);
  } catch (e) { /* counted as 0 */ }
  ok(pages >= 2, `the downloaded PDF has its pages (${pages})`);

  // The other kinds of page.
  await page.goto(`${url}/brouillons/1/yaml`);
  ok(await page.$('textarea#yaml') !== null, 'the YAML tab shows the form');
  await shot(page, 'yaml');
  await page.goto(`${url}/brouillons/1/historique`);
  const rows = await page.$$eval('tbody tr', (r) => r.length);
  ok(rows >= 2, `the history lists the versions (${rows})`);
  await shot(page, 'historique');
  await page.goto(`${url}/controle`);
  const input = await page.$('input[type="file"]');
  await input.uploadFile(pdf);
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  const verdict = await page.$eval('.resume', (e) => e.textContent);
  ok(/onforme/.test(verdict), 'the check page reports on an uploaded PDF', verdict);
  await shot(page, 'controle');

  // Keyboard: the first field is reached with Tab, and shows its focus.
  await page.goto(`${url}/`);
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.tagName);
  ok(focused === 'A', 'Tab reaches the first link');
} catch (e) {
  ok(false, 'the browser session', e.stack || e);
} finally {
  await browser.close();
  await stopServer(server);
  fs.rmSync(tmp, { recursive: true, force: true });
}
done();
