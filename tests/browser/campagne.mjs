// SPDX-License-Identifier: EUPL-1.2
// The "Campagnes" page of paraphe serve in headless chromium (issue 17):
// from the drafts page, upload a campaign of three partners with its table
// and logos (tests/data/campagne-serve), see the kit's progress announced
// while it runs, then its summary, focused, without reloading; download the
// ZIP as the link does and list it.  The kit's worker waits for the test's
// go-ahead, so that the progress is seen whatever the machine's speed.
// Without JavaScript, the kit's page refreshes itself to the summary.
// Each kind of page is compared with its visual reference (lib.mjs).
// TAP on the standard output.
//   node campagne.mjs PARAPHE CHROMIUM
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VIEWPORT, tap, startServer, stopServer, launch, newPage, references, download } from './lib.mjs';

const [paraphe, chromium] = process.argv.slice(2);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paraphe-campagne-'));
const data = path.resolve('tests/data/campagne-serve');
const { ok, done } = tap();
const { shot, all } = references(paraphe, ok);
const KINDS = ['campagnes', 'campagne-en-cours', 'campagne-recapitulatif',
  'campagnes-liste'];

// The kit's worker: paraphe itself, once the test says go.
const go = path.join(tmp, 'go');
const worker = path.join(tmp, 'worker');
fs.writeFileSync(worker, `#!/bin/sh\nwhile [ ! -e '${go}' ]; do sleep 0.05; done\nexec '${paraphe}' "$@"\n`);
fs.chmodSync(worker, 0o755);

const { server, url } = await startServer(paraphe, path.join(tmp, 'data'),
  { ...process.env, PARAPHE_SERVE_WORKER: worker });
const browser = await launch(chromium, tmp);
// Twice the usual wait: a kit renders several documents.
const LONGER = 120000;
try {
  const page = await newPage(browser);
  page.setDefaultTimeout(LONGER);
  await page.setViewport(VIEWPORT);
  await page.goto(`${url}/`);
  await Promise.all([page.waitForNavigation(), page.click('a[href="/campagnes"]')]);
  ok(await page.$eval('h1', (e) => e.textContent) === 'Campagnes',
    'the drafts page leads to the Campagnes page');
  const labelled = await page.$$eval('input[type="file"]', (l) =>
    l.every((i) => document.querySelector(`label[for="${i.id}"]`) !== null));
  ok(labelled, 'each file input has its label');
  await shot(page, 'campagnes', true);

  const yaml = await page.$('#campagne');
  await yaml.uploadFile(path.join(data, 'campagne.yaml'));
  const files = await page.$('#fichiers');
  await files.uploadFile(path.join(data, 'partenaires.csv'),
    path.join(data, 'mobilite-verte.svg'), path.join(data, 'supermarches-horizon.png'));
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  ok(/\/campagnes\/1$/.test(page.url()), `the upload leads to the kit's page (${page.url()})`);

  // Under way: a progress bar with its label, a status read out.
  const live = await page.$eval('#etat', (e) => e.getAttribute('aria-live'));
  ok(live === 'polite', 'the state is announced (aria-live)');
  ok(await page.$('progress#avancement') !== null, 'the progress bar is shown');
  ok(await page.$('label[for="avancement"]') !== null, 'the progress bar has its label');
  await shot(page, 'campagne-en-cours', true);

  // Go: the page follows the kit and shows its summary, focused.
  fs.writeFileSync(go, '');
  await page.waitForSelector('#resultat');
  const focused = await page.evaluate(() => document.activeElement.id);
  ok(focused === 'resultat', `the summary takes the focus (${focused})`);
  const summary = await page.$eval('.resume', (e) => e.textContent);
  ok(/3 partenaires\s*: 3 produits, 0 en échec/.test(summary), 'the summary counts the partners', summary);
  const rows = await page.$$eval('table.partenaires tbody tr', (r) => r.length);
  ok(rows === 3, `the table has a row per partner (${rows})`);
  const warned = await page.$$eval('table.partenaires li.avert', (l) => l.length);
  ok(warned >= 3, `the forms' warnings are shown (${warned})`);
  await shot(page, 'campagne-recapitulatif', true);

  // The ZIP, downloaded as the link does.
  const href = await page.$eval('a[href$="/zip"]', (a) => a.href);
  const zip = path.join(tmp, 'kit.zip');
  await download(page, href, zip);
  let list = '';
  try { list = execFileSync('unzip', ['-l', zip]).toString(); } catch (e) { list = String(e); }
  for (const p of ['club-sportif-avenir', 'mobilite-verte', 'supermarches-horizon'])
    ok(list.includes(`8mars-2026/${p}/convention.pdf`) && list.includes(`8mars-2026/${p}/convention.odt`),
      `the downloaded ZIP has ${p}'s PDF and ODT`, list);

  // Without JavaScript: the same upload, and the kit's page refreshes
  // itself until the summary is there.
  const bare = await newPage(browser);
  bare.setDefaultTimeout(LONGER);
  await bare.setJavaScriptEnabled(false);
  await bare.goto(`${url}/campagnes`);
  await (await bare.$('#campagne')).uploadFile(path.join(data, 'campagne.yaml'));
  await (await bare.$('#fichiers')).uploadFile(path.join(data, 'partenaires.csv'),
    path.join(data, 'mobilite-verte.svg'), path.join(data, 'supermarches-horizon.png'));
  await Promise.all([bare.waitForNavigation(), bare.click('button[type="submit"]')]);
  ok(/\/campagnes\/2$/.test(bare.url()), 'without JavaScript, the upload leads to the kit\'s page');
  let seen = false;
  for (let i = 0; i < 40 && !seen; i++) {
    seen = await bare.$('#resultat') !== null;
    if (!seen) await bare.waitForNavigation();
  }
  ok(seen, 'without JavaScript, the page refreshes itself to the summary');
  await bare.close();

  // The list of kits.
  await page.goto(`${url}/campagnes`);
  const state = await page.$eval('table.kits tbody tr', (r) => r.textContent);
  ok(/Prêt/.test(state), 'the kit is listed as ready', state);
  await shot(page, 'campagnes-liste', true);
  all(KINDS);
} catch (e) {
  ok(false, 'the browser session', e.stack || e);
} finally {
  await browser.close();
  await stopServer(server);
  fs.rmSync(tmp, { recursive: true, force: true });
}
done();
