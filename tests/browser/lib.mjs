// SPDX-License-Identifier: EUPL-1.2
// What the browser tests of paraphe serve share (serve.mjs, campagne.mjs):
// TAP output, a server on a free port, headless chromium, screenshots to
// $SCREENSHOTS, and a download made as a link of the page makes it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
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
      const m = /listening on (http:\/\/[^ ]+)\/\n/.exec(log);
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

export function launch(chromium) {
  return puppeteer.launch({
    executablePath: chromium, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

// A screenshot of page as NAME.png in $SCREENSHOTS, when it is set.
export async function shot(page, name, fullPage = false) {
  const shots = process.env.SCREENSHOTS || '';
  if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage });
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
