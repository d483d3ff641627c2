// SPDX-License-Identifier: EUPL-1.2
// What the browser tests of paraphe serve share (serve.mjs, campagne.mjs):
// TAP output, a server on a free port, headless chromium with fixed fonts,
// each kind of page compared with its visual reference, and a download
// made as a link of the page makes it.
//
// The visual references: reference/NAME.png, a screenshot looked at and
// kept; at most MAX_DIFFERENT of its pixels may differ (pixelmatch).  On a
// difference the screenshot and an image of the differences (in red) are
// written to SHOTS_DIR (tests/browser-screenshots in the build folder) and
// the test says where.  The fonts are fixed: chromium sees only DejaVu
// (Debian's fonts-dejavu-core, which tools/setup installs), so that
// system-ui and monospace are the same on every machine; the times of day
// on the pages are masked.  After a change of the pages, look at the new
// screenshots, then make them the references with
//   UPDATE_REFERENCES=1 meson test -C build --suite serve
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import puppeteer from 'puppeteer-core';

// Up to 60 s: the machine may be busy with other tests.
export const LONG = 60000;

// TAP: ok(cond, name, why) prints one test; done() the plan, then exits.
export function tap() {
  let n = 0, failed = 0;
  return {
    ok(cond, name, why) {
      n++;
      if (cond) console.log(`ok ${n} - ${name}`);
      else {
        failed++;
        console.log(`not ok ${n} - ${name}`);
        if (why) console.log(`# ${String(why).split('\n').join('\n# ')}`);
      }
    },
    done() {
      console.log(`1..${n}`);
      process.exit(failed ? 1 : 0);
    },
  };
}

// "paraphe serve" with its data in dir: { server, url } once it listens.
export async function startServer(paraphe, dir, env = process.env) {
  const server = spawn(paraphe, ['serve', '--listen', '127.0.0.1:0', '--data', dir],
    { stdio: ['ignore', 'ignore', 'pipe'], env });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no address')), LONG);
    server.stderr.on('data', (d) => {
      log += d;
      // "listening on http://...", or "à l'écoute sur http://..."
      const m = /^paraphe serve.* (http:\/\/[^ ]+)\/\n/m.exec(log);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.on('exit', () => reject(new Error(`server exited: ${log}`)));
  });
  return { server, url };
}

export async function stopServer(server) {
  server.kill('SIGTERM');
  await new Promise((r) => server.on('exit', r));
}

// The share of a page's pixels that may differ from its reference (text
// antialiasing, a chromium update), and how far a pixel's colour may move
// before it counts as different (pixelmatch's threshold, 0 to 1).
const MAX_DIFFERENT = 0.005;
const THRESHOLD = 0.1;
export const VIEWPORT = { width: 1400, height: 1000, deviceScaleFactor: 1 };

// Headless chromium that sees only DejaVu Sans and DejaVu Sans Mono,
// whatever else the machine has: whatever family a page asks for
// (system-ui, Arial...), it gets one of them.  Its fontconfig files go to
// tmp.  Exits with a TAP skip when the fonts are missing.
export async function launch(chromium, tmp) {
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
  // A French browser, as the officers' (chromium-l10n for its words).
  return puppeteer.launch({
    executablePath: chromium, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--hide-scrollbars', '--font-render-hinting=none', '--lang=fr-FR',
      '--force-color-profile=srgb'],
    env: { ...process.env, FONTCONFIG_FILE: fontsConf, LANG: 'fr_FR.UTF-8', LANGUAGE: 'fr' },
  });
}

// A new tab that speaks French, as the officers' browsers: the page's
// locale (Intl, date inputs as jj/mm/aaaa) by the DevTools protocol; the
// browser's own words ("Choisir un fichier") need chromium's French
// resources, Debian's chromium-l10n, which tools/setup installs.
export async function newPage(browser) {
  const page = await browser.newPage();
  const cdp = await page.createCDPSession();
  await cdp.send('Emulation.setLocaleOverride', { locale: 'fr-FR' });
  return page;
}

// shot(page, name, keepScroll): the page as it looks, compared with its
// reference (or made the reference under UPDATE_REFERENCES=1); looked
// lists the names shot.  paraphe is BUILD/src/paraphe.
export function references(paraphe, ok) {
  const here = path.dirname(new URL(import.meta.url).pathname);
  const refDir = path.join(here, 'reference');
  const shotsDir = process.env.SHOTS_DIR ||
    path.join(path.dirname(path.dirname(paraphe)), 'tests', 'browser-screenshots');
  const update = process.env.UPDATE_REFERENCES === '1';
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
  // Each kind of page in kinds was shot.
  const all = (kinds) => {
    for (const k of kinds)
      if (!looked.includes(k)) ok(false, `${k}: the page was looked at`);
  };
  return { shot, all };
}

// Fetches href from the page (its cookies, its origin) into file.
export async function download(page, href, file) {
  const b64 = await page.evaluate(async (h) => {
    const r = await fetch(h);
    const buf = new Uint8Array(await r.arrayBuffer());
    let s = '';
    for (let i = 0; i < buf.length; i += 0x8000)
      s += String.fromCharCode.apply(null, buf.subarray(i, i + 0x8000));
    return btoa(s);
  }, href);
  fs.writeFileSync(file, Buffer.from(b64, 'base64'));
}
