// Screen 7: settings (administrators), driven like a browser without JavaScript. Each section is
// its own form: PRG with its own notice, or 422 with the typed values and linked errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { buildWorld, invoiceBody } from '../support/invoice-world.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { adminWebSession, expectFieldError, tagWithId, WebSession } from '../support/web.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const api = async (url: string) => (await call(t, 'GET', url)).response;


/** The text inside the numbering preview <output>. */
const preview = (body: string) => /<output[^>]*>(.*?)<\/output>/s.exec(body)?.[1]?.replace(/<[^>]+>/g, '') ?? '';

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** Posts a multipart form (the organisation section), with the session's cookies and CSRF token. */
async function postMultipart(s: WebSession, url: string, fields: Record<string, string>, file?: { name: string; filename: string; type: string; data: Buffer }) {
  const boundary = '----ledgerline-test-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ _csrf: s.csrf, ...fields })) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`));
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const res = await t.app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: [...s.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'accept-language': s.acceptLanguage,
    },
    payload: Buffer.concat(parts),
  });
  return { status: res.statusCode, body: res.body, headers: res.headers, location: res.headers.location as string | undefined };
}

describe('settings: access', () => {
  it('gives a non-admin the 403 page, for the page and for every form, and hides the nav link', async () => {
    const user = await t.createUser();
    const s = new WebSession(t.app);
    await s.signIn(user.email, 'user-password-1');
    const items = await s.get('/app/items');
    expect(items.body).not.toContain('href="/app/settings"');
    const page = await s.get('/app/settings');
    expect(page.status).toBe(403);
    expect(page.body).toContain('You may not see this page.');
    for (const [url, fields] of [
      ['/app/settings/terms', { terms: 'hijacked' }],
      ['/app/settings/numbering', { auto: 'on', prefix: 'X-', next: '1' }],
      ['/app/settings/currency', { currency: 'USD' }],
      ['/app/settings/rates', { action: 'add', from: 'EUR', to: 'USD', rate: '2' }],
      ['/app/settings/seller', { vatId: 'DE123456789' }],
    ] as const) {
      expect((await s.post(url, fields)).status, url).toBe(403);
    }
    expect((await api('/api/2.0/crm/invoice/settings')).terms).toBe('');
    expect(await api('/api/2.0/crm/currency/rates')).toEqual([]);
  });

  it('shows every section to an admin, each heading in order under one h1', async () => {
    const s = await adminWebSession(t.app);
    const page = await s.get('/app/settings');
    expect(page.status).toBe(200);
    expect(page.body.match(/<h1[ >]/g)).toHaveLength(1);
    const headings = [...page.body.matchAll(/<h2 id="[a-z]+-title">([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual(['Numbering', 'Default terms', 'Organisation', 'Seller data for e-invoices', 'Currency', 'Exchange rates']);
  });
});

describe('settings: numbering', () => {
  it('previews the next number with the server’s own numbering, and saves a new series', async () => {
    const s = await adminWebSession(t.app);
    const page = await s.get('/app/settings');
    expect(preview(page.body)).toBe('INV-0000001');
    expect(tagWithId(page.body, 'numbering-next')).toContain('value="0000001"');

    // An invoice takes INV-0000001: the next number moves on, as GET invoice/sample says.
    const w = await buildWorld(t);
    expect((await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w) })).status).toBe(201);
    const after = await s.get('/app/settings');
    expect(preview(after.body)).toBe((await api('/api/2.0/crm/invoice/sample')).number);
    expect(preview(after.body)).toBe('INV-0000002');

    // Preview of typed values: nothing saved.
    const shown = await s.post('/app/settings/numbering', { auto: 'on', prefix: 'WEB-', next: '0042', preview: '1' });
    expect(shown.status).toBe(200);
    expect(preview(shown.body)).toBe('WEB-0042');
    expect(tagWithId(shown.body, 'numbering-prefix')).toContain('value="WEB-"');
    expect((await api('/api/2.0/crm/invoice/settings')).prefix).toBe('INV-');

    const saved = await s.post('/app/settings/numbering', { auto: 'on', prefix: 'WEB-', next: '0042' });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe('/app/settings?saved=numbering#numbering');
    const back = await s.follow(saved);
    expect(back.body).toContain('Numbering saved.');
    expect(await api('/api/2.0/crm/invoice/settings')).toMatchObject({ autogenerated: true, prefix: 'WEB-', number: '0042' });
    expect((await api('/api/2.0/crm/invoice/sample')).number).toBe('WEB-0042');
    expect(preview(back.body)).toBe('WEB-0042');

    // Saving unchanged keeps the series where it is.
    expect((await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w) })).status).toBe(201);
    const again = await s.get('/app/settings');
    expect(preview(again.body)).toBe('WEB-0043');
    expect((await s.post('/app/settings/numbering', { auto: 'on', prefix: 'WEB-', next: '0043' })).status).toBe(303);
    expect((await api('/api/2.0/crm/invoice/sample')).number).toBe('WEB-0043');
  });

  it('refuses a missing or taken number with 422 and keeps the typed values', async () => {
    const s = await adminWebSession(t.app);
    await s.get('/app/settings');
    const empty = await s.post('/app/settings/numbering', { auto: 'on', prefix: 'ZZ-', next: '' });
    expect(empty.status).toBe(422);
    expectFieldError(empty, 'numbering-next', 'Enter the next number.');
    expect(tagWithId(empty.body, 'numbering-prefix')).toContain('value="ZZ-"');
    expect(empty.body).toContain('There is a problem');

    const taken = await s.post('/app/settings/numbering', { auto: 'on', prefix: 'INV-', next: '0000001' });
    expect(taken.status).toBe(422);
    expectFieldError(taken, 'numbering-next', 'Invoice number INV-0000001 exists already: choose another prefix or number.');
    expect(tagWithId(taken.body, 'numbering-next')).toContain('value="0000001"');
    expect((await api('/api/2.0/crm/invoice/settings')).prefix).not.toBe('ZZ-');
  });

  it('turns auto-numbering off', async () => {
    const s = await adminWebSession(t.app);
    const page = await s.get('/app/settings');
    const prefix = /id="numbering-prefix"[^>]*value="([^"]*)"/.exec(page.body)?.[1] ?? '';
    const res = await s.post('/app/settings/numbering', { prefix, next: '1' });
    expect(res.status).toBe(303);
    expect((await api('/api/2.0/crm/invoice/settings')).autogenerated).toBe(false);
    expect(preview((await s.follow(res)).body)).toContain('Auto-numbering is off');
    expect((await s.post('/app/settings/numbering', { auto: 'on', prefix: 'WEB-', next: '0100' })).status).toBe(303);
  });
});

describe('settings: terms, organisation, seller data, currency', () => {
  it('saves the default terms', async () => {
    const s = await adminWebSession(t.app);
    await s.get('/app/settings');
    const res = await s.post('/app/settings/terms', { terms: 'Pay within 14 days.\nThank you!' });
    expect(res.location).toBe('/app/settings?saved=terms#terms');
    const page = await s.follow(res);
    expect(page.body).toContain('Default terms saved.');
    expect(page.body).toContain('Pay within 14 days.\nThank you!</textarea>');
    expect((await api('/api/2.0/crm/invoice/settings')).terms).toBe('Pay within 14 days.\nThank you!');
  });

  it('saves the organisation with a logo upload (multipart), shows and serves the logo, and removes it', async () => {
    const s = await adminWebSession(t.app);
    await s.get('/app/settings');
    const res = await postMultipart(
      s,
      '/app/settings/organisation',
      { name: 'Ledgerline Ltd', street: '1 High St', city: 'Leeds', state: '', zip: 'LS1 1AA', country: 'United Kingdom' },
      { name: 'logo', filename: 'logo.png', type: 'image/png', data: PNG },
    );
    expect(res.status, /error-message[^>]*>([^<]*)/.exec(res.body)?.[1]).toBe(303);
    expect(res.location).toBe('/app/settings?saved=org#org');
    const settings = await api('/api/2.0/crm/invoice/settings');
    expect(settings.companyName).toBe('Ledgerline Ltd');
    expect(JSON.parse(settings.companyAddress)).toMatchObject({ street: '1 High St', city: 'Leeds', zip: 'LS1 1AA', country: 'United Kingdom' });
    expect(settings.companyLogoID).toBeGreaterThan(0);
    const page = await s.get('/app/settings?saved=org');
    expect(page.body).toContain('Organisation saved.');
    expect(page.body).toContain(`<img src="/app/settings/logo?v=${settings.companyLogoID}" alt="Current logo"`);
    const logo = await s.get('/app/settings/logo');
    expect(logo.status).toBe(200);
    expect(logo.headers['content-type']).toBe('image/png');

    // An empty file input keeps the logo; the remove box clears it.
    const keep = await postMultipart(s, '/app/settings/organisation', { name: 'Ledgerline Ltd', street: '1 High St', city: 'Leeds', state: '', zip: 'LS1 1AA', country: 'United Kingdom' }, {
      name: 'logo', filename: '', type: 'application/octet-stream', data: Buffer.alloc(0),
    });
    expect(keep.status).toBe(303);
    expect((await api('/api/2.0/crm/invoice/settings')).companyLogoID).toBe(settings.companyLogoID);
    await s.get('/app/settings');
    const removed = await postMultipart(s, '/app/settings/organisation', { name: 'Ledgerline Ltd', street: '1 High St', city: 'Leeds', state: '', zip: '', country: '', removeLogo: 'on' });
    expect(removed.status).toBe(303);
    expect((await api('/api/2.0/crm/invoice/settings')).companyLogoID).toBe(0);
    expect((await s.get('/app/settings/logo')).status).toBe(404);
  });

  it('refuses a file that is not an image (422), keeps the typed values and writes nothing', async () => {
    const s = await adminWebSession(t.app);
    await s.get('/app/settings');
    const before = await api('/api/2.0/crm/invoice/settings');
    const res = await postMultipart(s, '/app/settings/organisation', { name: 'Changed name', street: 'Typed street', city: '', state: '', zip: '', country: '' }, {
      name: 'logo', filename: 'notes.txt', type: 'text/plain', data: Buffer.from('not an image'),
    });
    expect(res.status).toBe(422);
    expectFieldError(res, 'org-logo', 'Choose a PNG, JPEG, GIF or SVG image.');
    expect(tagWithId(res.body, 'org-name')).toContain('value="Changed name"');
    expect(tagWithId(res.body, 'org-street')).toContain('value="Typed street"');
    expect(await api('/api/2.0/crm/invoice/settings')).toEqual(before);
  });

  it('saves the seller data for e-invoices, normalised by the server', async () => {
    const s = await adminWebSession(t.app);
    await s.get('/app/settings');
    const res = await s.post('/app/settings/seller', {
      vatId: 'de 123 456 789', countryCode: 'de', iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX', electronicAddress: 'billing@example.com',
      electronicAddressScheme: '', contactEmail: 'ap@example.com', untaxedCategoryCode: 'E', exemptionReason: 'Small business',
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/app/settings?saved=seller#seller');
    expect(await api('/api/2.0/crm/settings/organisation/einvoice')).toMatchObject({
      vatId: 'DE123456789', countryCode: 'DE', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', electronicAddress: 'billing@example.com',
      electronicAddressScheme: 'EM', untaxedCategoryCode: 'E', exemptionReason: 'Small business',
    });
    const page = await s.follow(res);
    expect(page.body).toContain('Seller data saved.');
    expect(tagWithId(page.body, 'seller-vatId')).toContain('value="DE123456789"');
  });

  it('refuses a bad IBAN on its field (422) and keeps every typed value', async () => {
    const s = await adminWebSession(t.app);
    await s.get('/app/settings');
    const before = await api('/api/2.0/crm/settings/organisation/einvoice');
    const res = await s.post('/app/settings/seller', { vatId: 'DE999999999', iban: 'DE00 1234', contactName: 'Typed Name' });
    expect(res.status).toBe(422);
    expectFieldError(res, 'seller-iban', 'Not a valid IBAN: check the country code, the length and the check digits.');
    expect(tagWithId(res.body, 'seller-iban')).toContain('value="DE00 1234"');
    expect(tagWithId(res.body, 'seller-contactName')).toContain('value="Typed Name"');
    expect(await api('/api/2.0/crm/settings/organisation/einvoice')).toEqual(before);
  });

  it('changes the default currency', async () => {
    const s = await adminWebSession(t.app);
    await s.get('/app/settings');
    const res = await s.post('/app/settings/currency', { currency: 'USD' });
    expect(res.location).toBe('/app/settings?saved=currency#currency');
    expect((await api('/api/2.0/crm/settings')).defaultCurrency.abbreviation).toBe('USD');
    const page = await s.follow(res);
    expect(page.body).toContain('Default currency saved.');
    expect(page.body).toMatch(/<option value="USD" selected>/);
    expect((await s.post('/app/settings/currency', { currency: 'EUR' })).status).toBe(303);
    const bad = await s.post('/app/settings/currency', { currency: 'XXX' });
    expect(bad.status).toBe(422);
    expect(tagWithId(bad.body, 'currency-default')).toContain('aria-invalid="true"');
  });
});

describe('settings: exchange rates', () => {
  it('adds, updates and deletes a rate, typed in the UI number locale', async () => {
    const s = await adminWebSession(t.app);
    await s.get('/app/settings');
    const added = await s.post('/app/settings/rates', { action: 'add', from: 'EUR', to: 'USD', rate: '1.085' });
    expect(added.location).toBe('/app/settings?saved=rates#rates');
    const [rate] = (await api('/api/2.0/crm/currency/rates')) as { id: number; fromCurrency: string; toCurrency: string; rate: number }[];
    expect(rate).toMatchObject({ fromCurrency: 'EUR', toCurrency: 'USD', rate: 1.085 });
    const page = await s.follow(added);
    expect(page.body).toContain('Exchange rate saved.');
    expect(page.body).toContain('1 EUR in USD');
    expect(tagWithId(page.body, `rate-${rate!.id}`)).toContain('value="1.085"');

    const updated = await s.post('/app/settings/rates', { action: 'update', id: String(rate!.id), rate: '1.1' });
    expect(updated.status).toBe(303);
    expect((await api('/api/2.0/crm/currency/rates'))[0].rate).toBe(1.1);

    const bad = await s.post('/app/settings/rates', { action: 'update', id: String(rate!.id), rate: '-3' });
    expect(bad.status).toBe(422);
    expectFieldError(bad, `rate-${rate!.id}`, 'Enter a rate greater than 0.');
    expect(tagWithId(bad.body, `rate-${rate!.id}`)).toContain('value="-3"');

    const deleted = await s.post('/app/settings/rates', { action: 'delete', id: String(rate!.id) });
    expect(deleted.location).toBe('/app/settings?saved=rates-deleted#rates');
    expect((await s.follow(deleted)).body).toContain('Exchange rate deleted.');
    expect(await api('/api/2.0/crm/currency/rates')).toEqual([]);
  });

  it('refuses an unreadable rate or one currency twice (422), values kept', async () => {
    const s = await adminWebSession(t.app);
    await s.get('/app/settings');
    const res = await s.post('/app/settings/rates', { action: 'add', from: 'GBP', to: 'GBP', rate: '1,2,3' });
    expect(res.status).toBe(422);
    expectFieldError(res, 'rate-to', 'Choose two different currencies.');
    expectFieldError(res, 'rate-value', /Enter a number/);
    expect(res.body).toMatch(/<select id="rate-from"[^>]*>.*?<option value="GBP" selected>/s);
    expect(tagWithId(res.body, 'rate-value')).toContain('value="1,2,3"');
    expect(await api('/api/2.0/crm/currency/rates')).toEqual([]);
  });
});

describe('settings: Russian', () => {
  it('speaks Russian and reads a rate with a decimal comma', async () => {
    const s = await adminWebSession(t.app, 'ru-RU,ru;q=0.9');
    const page = await s.get('/app/settings');
    for (const h of ['Нумерация', 'Условия по умолчанию', 'Организация', 'Данные продавца для электронных счетов', 'Валюта', 'Курсы валют']) {
      expect(page.body).toContain(`>${h}</h2>`);
    }
    const res = await s.post('/app/settings/rates', { action: 'add', from: 'USD', to: 'RUB', rate: '92,5' });
    expect(res.status).toBe(303);
    const after = await s.follow(res);
    expect(after.body).toContain('Курс валюты сохранён.');
    const rates = (await api('/api/2.0/crm/currency/rates')) as { id: number; rate: number }[];
    expect(rates[0]!.rate).toBe(92.5);
    expect(tagWithId(after.body, `rate-${rates[0]!.id}`)).toContain('value="92,50"');
    const bad = await s.post('/app/settings/numbering', { auto: 'on', prefix: 'X-', next: '' });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('Есть ошибки');
    expectFieldError(bad, 'numbering-next', 'Введите следующий номер.');
  });
});
