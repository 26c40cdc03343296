/** `watch` contacts only public addresses unless allowed: IP literals, resolved names, redirects. */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { closeTestStore, openTestStore } from '../store/testing.js';
import { guardedLookup, isPrivateAddress, PrivateAddressError, publicOnly } from './address.js';
import { FetchError, Fetcher } from './fetch.js';
import { startServer, type TestServer } from './testserver.js';
import { pollFeeds } from './watch.js';

describe('isPrivateAddress', () => {
  const notPublic = [
    '127.0.0.1',
    '127.255.255.254',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    '[::1]',
    'fe80::1',
    'fe80::1%eth0',
    'FE80::abcd',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    '::127.0.0.1',
    'not-an-address',
  ];
  const pub = ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'];
  for (const ip of notPublic) it(`refuses ${ip}`, () => assert.equal(isPrivateAddress(ip), true));
  for (const ip of pub) it(`allows ${ip}`, () => assert.equal(isPrivateAddress(ip), false));
});

describe('the fetcher refuses private targets unless allowed', () => {
  let srv: TestServer;
  let port: string;
  before(async () => {
    srv = await startServer({
      '/ok': { headers: { 'content-type': 'text/plain' }, body: 'ok' },
      '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nAllow: /\n' },
      '/to-other': (_req, res) => {
        res.writeHead(302, { location: `http://127.0.0.2:${port}/ok` });
        res.end();
      },
      '/to-metadata': { status: 301, headers: { location: 'http://169.254.169.254/latest/meta-data/' } },
    });
    port = new URL(srv.base).port;
  });
  after(() => srv.close());
  const strict = () => new Fetcher({ retries: 0, minIntervalMs: 0, timeoutMs: 2000 });
  const refused = (url: string, address: RegExp) => (e: unknown) => {
    assert.ok(e instanceof FetchError, String(e));
    assert.equal(e.transient, false);
    assert.equal(e.refused, true);
    assert.ok(e.message.startsWith(`${url}: refused to connect to `), e.message);
    assert.match(e.message, address);
    assert.match(e.message, /--allow-private/);
    return true;
  };

  it('an IP literal: 127.0.0.1, [::1], 0x7f000001, 2130706433', async () => {
    const hits = srv.hits.get('/ok') ?? 0;
    for (const host of ['127.0.0.1', '[::1]', '0x7f000001', '2130706433', '0.0.0.0']) {
      const url = `http://${host}:${port}/ok`;
      await assert.rejects(strict().get(url), refused(url, /not a public address/));
    }
    assert.equal(srv.hits.get('/ok') ?? 0, hits, 'the server was never contacted');
    assert.equal(srv.hits.get('/robots.txt'), undefined, 'not even for robots.txt');
  });

  it('a name resolving to loopback (localhost), checked after DNS resolution', async () => {
    const url = `http://localhost:${port}/ok`;
    await assert.rejects(strict().get(url), refused(url, /localhost \((127\.0\.0\.1|::1)\)/));
    assert.equal(srv.hits.get('/ok'), undefined);
    // the lookup itself: every address of the name is checked
    const err = await new Promise<unknown>((resolve) =>
      guardedLookup(publicOnly)('localhost', {}, (e) => resolve(e)),
    );
    assert.ok(err instanceof PrivateAddressError);
  });

  it('a redirect to a private address is refused at the hop (before connecting)', async () => {
    // allowed to reach the test server at 127.0.0.1 only: the redirect names 127.0.0.2, then 169.254.169.254
    const f = new Fetcher({
      retries: 0,
      minIntervalMs: 0,
      timeoutMs: 2000,
      allowAddress: (ip) => ip === '127.0.0.1',
    });
    await assert.rejects(
      f.get(`${srv.base}/to-other`),
      refused(`http://127.0.0.2:${port}/ok`, /127\.0\.0\.2/),
    );
    await assert.rejects(
      f.get(`${srv.base}/to-metadata`),
      refused('http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254/),
    );
    assert.equal(srv.hits.get('/to-other'), 1);
    assert.equal(srv.hits.get('/ok'), undefined);
  });

  it('allowPrivate: contacted', async () => {
    const r = await new Fetcher({ retries: 0, minIntervalMs: 0, allowPrivate: true }).get(
      `http://localhost:${port}/ok`,
    );
    assert.equal(r.body.toString(), 'ok');
  });

  it('a feed item pointing at a local port: the poll names the refusal and contacts nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rasd-ssrf-'));
    const store = await openTestStore('pglite');
    try {
      const feed = join(dir, 'feed.xml');
      await writeFile(
        feed,
        `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
          <item><title>x</title><link>http://127.0.0.1:${port}/ok</link></item>
          <item><title>y</title><link>http://localhost:${port}/ok</link></item>
        </channel></rss>`,
      );
      const hits = srv.hits.get('/ok') ?? 0;
      const r = await pollFeeds(store, [feed], { fetch: { retries: 0, minIntervalMs: 0 } });
      assert.deepEqual(
        r.failed.map((f) => [f.retry, /refused to connect to .*--allow-private/.test(f.error)]),
        [
          [false, true],
          [false, true],
        ],
      );
      assert.equal(srv.hits.get('/ok') ?? 0, hits);
    } finally {
      await closeTestStore(store);
      await rm(dir, { recursive: true, force: true });
    }
  });
});
