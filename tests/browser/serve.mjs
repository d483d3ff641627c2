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
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import puppeteer from 'puppeteer-core';

const [paraphe, chromium] = process.argv.slice(2);
const here = path.dirname(new URL(import.meta.url).pathname);
const refDir = path.join(here, 'reference');
// paraphe is BUILD/src/paraphe.
const shotsDir = process.env.SHOTS_DIR ||
  path.join(path.dirname(path.dirname(paraphe)), 'tests', 'browser-screenshots');
const update = process.env.UPDATE_REFERENCES === '1';
// The share of a page's pixels that may differ from its reference (text
// antialiasing, a chromium update), and how far a pixel's colour may move
// before it counts as different (pixelmatch's threshold, 0 to 1).
const MAX_DIFFERENT = 0.005;
const THRESHOLD = 0.1;
const VIEWPORT = { width: 1400, height: 1000, deviceScaleFactor: 1 };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paraphe-browser-'));
let n = 0, failed = 0;
const ok = (cond, name, why) => {
  n++;
  if (cond) console.log(`ok ${n} - ${name}`);
  else {
    failed++;
    console.log(`not ok ${n} - ${name}`);
    if (why) console.log(`# ${String(why).split('\n').join('\n# ')}`);
  }
};
// Up to 60 s: the machine may be busy with other tests.
const LONG = 60000;

// Only DejaVu Sans and DejaVu Sans Mono, whatever else the machine has:
// whatever family a page asks for (system-ui, Arial...), it gets one of
// them.
const fontsDir = path.join(tmp, 'fonts');
const dejavu = '/usr/share/fonts/truetype/dejavu';
fs.mkdirSync(fontsDir);
for (const f of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf',
  'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf',
  'DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf']) {
  if (!fs.existsSync(path.join(dejavu, f))) {
    console.log(`1..0 # SKIP ${dejavu}/${f} is missing (fonts-dejavu-core; tools/setup test installs it)`);
    process.exit(0);
  }
  fs.symlinkSync(path.join(dejavu, f), path.join(fontsDir, f));
}
const fontsConf = path.join(tmp, 'fonts.conf');
fs.writeFileSync(fontsConf, `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>${fontsDir}</dir>
  <cachedir>${path.join(tmp, 'fontconfig')}</cachedir>
  <alias binding="same"><family>monospace</family><prefer><family>DejaVu Sans Mono</family></prefer></alias>
  <match target="pattern"><edit name="family" mode="append_last"><string>DejaVu Sans</string></edit></match>
</fontconfig>
`);
const server = spawn(paraphe, ['serve', '--listen', '127.0.0.1:0', '--data',
  path.join(tmp, 'data')], { stdio: ['ignore', 'ignore', 'pipe'] });
let log = '';
const url = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('no address')), LONG);
  server.stderr.on('data', (d) => {
    log += d;
    const m = /listening on (http:\/\/[^ ]+)\/\n/.exec(log);
    if (m) { clearTimeout(timer); resolve(m[1]); }
  });
  server.on('exit', () => reject(new Error(`server exited: ${log}`)));
});

const browser = await puppeteer.launch({
  executablePath: chromium, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
    '--hide-scrollbars', '--font-render-hinting=none', '--lang=en-US',
    '--force-color-profile=srgb'],
  env: { ...process.env, FONTCONFIG_FILE: fontsConf, LANG: 'C.UTF-8' },
});

// The page as it looks, compared with its reference (or made the reference
// under UPDATE_REFERENCES=1).
const looked = [];
const shot = async (page, name, keepScroll = false) => {
  await page.evaluate((keep) => {
    // Times of day change from run to run; the caret blinks.
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let t = w.nextNode(); t; t = w.nextNode())
      t.nodeValue = t.nodeValue.replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/g,
        'AAAA-MM-JJ hh:mm:ss');
    if (document.activeElement) document.activeElement.blur();
    if (!keep) window.scrollTo(0, 0);
  }, keepScroll);
  const png = PNG.sync.read(Buffer.from(await page.screenshot({ fullPage: false })));
  const ref = path.join(refDir, `${name}.png`);
  looked.push(name);
  if (update) {
    fs.mkdirSync(refDir, { recursive: true });
    fs.writeFileSync(ref, PNG.sync.write(png));
    ok(true, `${name}: reference written (${ref}); look at it before committing it`);
    return;
  }
  if (!fs.existsSync(ref)) {
    ok(false, `${name}: the page looks as its reference`,
      `no ${ref}: make it with UPDATE_REFERENCES=1 and look at it`);
    return;
  }
  const want = PNG.sync.read(fs.readFileSync(ref));
  let different = -1;
  const diff = new PNG({ width: png.width, height: png.height });
  if (want.width === png.width && want.height === png.height)
    different = pixelmatch(want.data, png.data, diff.data, png.width,
      png.height, { threshold: THRESHOLD });
  const share = different / (png.width * png.height);
  if (different >= 0 && share <= MAX_DIFFERENT) {
    ok(true, `${name}: the page looks as its reference (${different} pixels differ)`);
    return;
  }
  fs.mkdirSync(shotsDir, { recursive: true });
  const actual = path.join(shotsDir, `${name}.png`);
  const diffPath = path.join(shotsDir, `${name}-diff.png`);
  fs.writeFileSync(actual, PNG.sync.write(png));
  if (different >= 0) fs.writeFileSync(diffPath, PNG.sync.write(diff));
  ok(false, `${name}: the page looks as its reference`, different < 0
    ? `size ${png.width}x${png.height}, reference ${want.width}x${want.height}; this screenshot: ${actual}`
    : `${different} pixels differ (${(share * 100).toFixed(2)} %, at most ${MAX_DIFFERENT * 100} %); this screenshot: ${actual}; the differences in red: ${diffPath}; the reference: ${ref}`);
};
// The kinds of page, each with its reference.  The campaign page (the
// kit's, servekit.c) is to be added here with its own shot() below.
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
try {
  const page = await browser.newPage();
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
  const b64 = await page.evaluate(async (h) => {
    const r = await fetch(h);
    const buf = new Uint8Array(await r.arrayBuffer());
    let s = '';
    for (let i = 0; i < buf.length; i += 0x8000)
      s += String.fromCharCode.apply(null, buf.subarray(i, i + 0x8000));
    return btoa(s);
  }, href);
  const pdf = path.join(tmp, 'convention.pdf');
  fs.writeFileSync(pdf, Buffer.from(b64, 'base64'));
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
  // The campaign page (servekit.c) is to be shot here, as 'campagne'.
  for (const k of KINDS)
    if (!looked.includes(k)) ok(false, `${k}: the page was looked at`);
} catch (e) {
  ok(false, 'the browser session', e.stack || e);
} finally {
  await browser.close();
  server.kill('SIGTERM');
  await new Promise((r) => server.on('exit', r));
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
