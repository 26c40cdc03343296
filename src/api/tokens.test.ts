/**
 * Download tickets: a link to an export carries no Authorization header, so with a read token
 * configured the dashboard asks for a ticket first. The ticket opens that one URL, for two
 * minutes, and nothing else.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { writeFixtureIncidents } from '../export/testdata/fixture-store.js';
import { closeTestStore, openTestStore } from '../store/testing.js';
import { createApp } from './app.js';
import { downloadTicket, splitTicket, TICKET_SECONDS, ticketValid } from './tokens.js';

describe('download tickets', async () => {
  const store = await openTestStore('pglite');
  after(() => closeTestStore(store));
  await writeFixtureIncidents(store);
  let clock = Date.parse('2026-01-10T12:00:00Z');
  const app = createApp(store, {
    webRoot: false,
    readToken: 'reader',
    writeToken: 'writer',
    now: () => clock,
  });
  const auth = { headers: { authorization: 'Bearer reader' } };
  const path = '/api/incidents.csv?country=IQ&_stream=1';
  const ticketFor = async (p: string) => {
    const r = await app.request(`/api/download-ticket?path=${encodeURIComponent(p)}`, auth);
    assert.equal(r.status, 200);
    return (await r.json()) as { url: string; expires: string | null };
  };

  it('an export needs the token; the ticket URL opens it without one, with the same rows', async () => {
    assert.equal((await app.request(path)).status, 401);
    const { url, expires } = await ticketFor(path);
    assert.match(url, /^\/api\/incidents\.csv\?country=IQ&_stream=1&_ticket=\d+\.[A-Za-z0-9_-]{43}$/);
    assert.equal(expires, new Date(clock + TICKET_SECONDS * 1000).toISOString());
    const viaTicket = await app.request(url);
    assert.equal(viaTicket.status, 200);
    const viaHeader = await app.request(path, auth);
    assert.equal(await viaTicket.text(), await viaHeader.text());
  });

  it('a ticket opens no other URL, no changed filter and no other ticket', async () => {
    const { url } = await ticketFor(path);
    const ticket = url.slice(url.indexOf('_ticket='));
    assert.equal((await app.request(`/api/incidents.csv?country=SY&_stream=1&${ticket}`)).status, 401);
    assert.equal((await app.request(`/api/incidents.jsonl?country=IQ&_stream=1&${ticket}`)).status, 401);
    assert.equal((await app.request(`/api/stats?${ticket}`)).status, 401);
    const mint = await app.request(`/api/download-ticket?path=${encodeURIComponent(path)}&${ticket}`);
    assert.equal(mint.status, 401);
    // the ticket must be the last parameter
    assert.equal((await app.request(url.replace('&_ticket', '&x=1&_ticket'))).status, 401);
    assert.equal((await app.request(`${url}&x=1`)).status, 401);
  });

  it('a ticket expires after two minutes', async () => {
    const { url } = await ticketFor(path);
    clock += (TICKET_SECONDS + 1) * 1000;
    const r = await app.request(url);
    assert.equal(r.status, 401);
    assert.match(((await r.json()) as { error: { message: string } }).error.message, /expired/);
  });

  it('a ticket needs the token, and only export URLs get one', async () => {
    assert.equal((await app.request(`/api/download-ticket?path=${encodeURIComponent(path)}`)).status, 401);
    const bad = await app.request('/api/download-ticket?path=/api/stats', auth);
    assert.equal(bad.status, 400);
    assert.equal(
      ((await bad.json()) as { error: { details: { param: string }[] } }).error.details[0].param,
      'path',
    );
  });

  it('with no read token the URL comes back as it is', async () => {
    const open = createApp(store, { webRoot: false });
    const r = await open.request(`/api/download-ticket?path=${encodeURIComponent(path)}`);
    assert.deepEqual(await r.json(), { url: path, expires: null });
  });
});

describe('ticket signatures', () => {
  const now = Date.parse('2026-01-10T12:00:00Z');
  it('sign one URL with one key', () => {
    const t = downloadTicket('k', '/api/incidents.csv?a=1', now);
    assert.equal(ticketValid('k', '/api/incidents.csv?a=1', t, now), true);
    assert.equal(ticketValid('k2', '/api/incidents.csv?a=1', t, now), false);
    assert.equal(ticketValid('k', '/api/incidents.csv?a=2', t, now), false);
    assert.equal(ticketValid('k', '/api/incidents.csv?a=1', 'garbage', now), false);
    // an expiry moved later breaks the signature
    const [exp, sig] = t.split('.');
    assert.equal(ticketValid('k', '/api/incidents.csv?a=1', `${Number(exp) + 60}.${sig}`, now), false);
  });
  it('the ticket is read off the end of the URL', () => {
    assert.deepEqual(splitTicket('/api/incidents.csv?a=1&_ticket=1.x'), {
      url: '/api/incidents.csv?a=1',
      ticket: '1.x',
    });
    assert.deepEqual(splitTicket('/api/incidents.csv?_ticket=1.x'), {
      url: '/api/incidents.csv',
      ticket: '1.x',
    });
    assert.equal(splitTicket('/api/incidents.csv?_ticket=1.x&a=1'), null);
  });
});
