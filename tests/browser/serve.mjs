// SPDX-License-Identifier: EUPL-1.2
// The web workspace of paraphe serve in headless chromium (issue 17):
// create a convention from the drafts page, see the SIREN error appear
// beside its field as it is typed, fix it, see the preview refresh,
// download the PDF and count its pages, check a PDF and see its findings
// drawn on its page.  TAP on the standard output.
//
// Each kind of page is also compared with its visual reference,
// reference/NAME.png, a screenshot looked at and kept: at most
// MAX_DIFFERENT of its pixels may differ (pixelmatch).  On a difference the
// screenshot and an image of the differences (in red) are written to
// SHOTS_DIR (tests/browser-screenshots in the build folder) and the test
// says where.  The fonts are fixed: chromium sees only DejaVu (Debian's
// fonts-dejavu-core, which tools/setup installs), so that system-ui and
// monospace are the same on every machine; the times of day on the pages
// are masked.  After a change of the pages, look at the new screenshots,
// then make them the references with
//   UPDATE_REFERENCES=1 meson test -C build browser
//   node serve.mjs PARAPHE CHROMIUM
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LONG, VIEWPORT, tap, startServer, stopServer, launch, newPage, references, download } from './lib.mjs';

const [paraphe, chromium] = process.argv.slice(2);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paraphe-browser-'));
const { ok, done } = tap();
const { shot, all } = references(paraphe, ok);
// The kinds of page this script looks at, each with its reference
// (campagne.mjs looks at the campaign pages).
const KINDS = ['brouillons', 'edition', 'edition-erreur', 'yaml',
  'historique', 'controle'];

// A PDF with findings: 4 pt Courier at 35, 190 mm (three errors there), a
// green area (a warning), no bloc-marque (an error at the top left).
const findingsPdf = path.join(tmp, 'constats.pdf');
fs.writeFileSync(findingsPdf, ['%PDF-1.4',
  '1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj',
  '2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj',
  '3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>> endobj',
  '4 0 obj <</Length 79>> stream',
  'BT /F1 4 Tf 100 300 Td (petit texte) Tj ET',
  '0.18 0.545 0.341 rg 170 450 113 57 re f',
  'endstream endobj',
  '5 0 obj <</Type/Font/Subtype/Type1/BaseFont/Courier>> endobj',
  'trailer <</Root 1 0 R>>', '%%EOF', ''].join('\n'));
const { server, url } = await startServer(paraphe, path.join(tmp, 'data'));
const browser = await launch(chromium, tmp);
try {
  const page = await newPage(browser);
  page.setDefaultTimeout(LONG);
  await page.setViewport(VIEWPORT);
  await page.goto(`${url}/`);
  ok((await page.$eval('html', (e) => e.lang)) === 'fr', 'the drafts page is in French');

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
  ok(/Numéro SIREN/.test(await page.$eval('label[for="fpartenaire-siren"]',
    (e) => e.textContent)), 'the SIREN field is labelled for people');
  await page.waitForFunction(() => [...document.images].every(
    (im) => im.complete && im.naturalWidth > 0));
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
  await page.evaluate(() => document.querySelector('#fpartenaire-siren')
    .scrollIntoView({ block: 'center' }));
  await shot(page, 'edition-erreur', true);

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
  await page.goto(`${url}/controle`);
  await (await page.$('input[type="file"]')).uploadFile(findingsPdf);
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  const boxes = await page.$$eval('#page-1 rect.cadre', (r) => r.length);
  ok(boxes >= 4, `the findings' boxes are drawn on the page's thumbnail (${boxes})`);
  // The keyboard's way from a page's caption to its finding.
  await page.focus('#page-1-titre a');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash === '#constat-3');
  ok(await page.$eval('tr:target th', (e) => e.textContent) === '3',
    'a caption link leads to its finding in the list');
  await page.evaluate(() => history.replaceState(null, '', location.pathname));
  await shot(page, 'controle');

  // Keyboard: the first field is reached with Tab, and shows its focus.
  await page.goto(`${url}/`);
  await shot(page, 'brouillons');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.tagName);
  ok(focused === 'A', 'Tab reaches the first link');
  all(KINDS);
} catch (e) {
  ok(false, 'the browser session', e.stack || e);
} finally {
  await browser.close();
  await stopServer(server);
  fs.rmSync(tmp, { recursive: true, force: true });
}
done();
