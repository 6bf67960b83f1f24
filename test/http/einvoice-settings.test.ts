// GET/PUT crm/settings/organisation/einvoice and crm/contact/{id}/einvoice (issue 6, our
// extension): partial updates, normalisation, the EN 16931 checks, rights, audit, and that a
// refused write writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { countRows, insertContact } from '../support/crm-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const SELLER = '/api/2.0/crm/settings/organisation/einvoice';
const contactUrl = (id: number) => `/api/2.0/crm/contact/${id}/einvoice`;

async function auditOf(t: TestApp, action: string) {
  return t.deps.store.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();
}

describe('organisation e-invoice settings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('are empty until set, and readable by any CRM user', async () => {
    const user = await t.createUser();
    const r = await call(t, 'GET', SELLER, { token: user.token });
    expect(r.status).toBe(200);
    expect(r.response).toEqual({
      vatId: '', taxRegistrationId: '', legalRegistrationId: '', legalRegistrationScheme: '', countryCode: '', electronicAddress: '', electronicAddressScheme: '',
      iban: '', bic: '', accountName: '', paymentMeansCode: '', contactName: '', contactPhone: '', contactEmail: '', untaxedCategoryCode: '', exemptionReason: '', exemptionReasonCode: '',
    });
  });

  it('PUT normalises what it stores and answers it; members not sent are kept, "" clears one', async () => {
    const r = await call(t, 'PUT', SELLER, {
      json: { vatId: 'de 123 456 789', countryCode: 'de', iban: 'de89 3704 0044 0532 0130 00', bic: 'cobadeffxxx', electronicAddress: 'billing@example.test', paymentMeansCode: '58', untaxedCategoryCode: 'e', exemptionReason: ' Kleinunternehmer ' },
    });
    expect(r.status, r.raw).toBe(200);
    expect(r.response).toMatchObject({
      vatId: 'DE123456789', countryCode: 'DE', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', electronicAddress: 'billing@example.test',
      electronicAddressScheme: 'EM', paymentMeansCode: '58', untaxedCategoryCode: 'E', exemptionReason: 'Kleinunternehmer',
    });
    const partial = await call(t, 'PUT', SELLER, { form: 'contactName=Anna&bic=' });
    expect(partial.status, partial.raw).toBe(200);
    expect(partial.response).toMatchObject({ vatId: 'DE123456789', iban: 'DE89370400440532013000', contactName: 'Anna', bic: '' });
    expect((await call(t, 'GET', SELLER)).response).toEqual(partial.response);
  });

  it('every PUT is audited with the changed members', async () => {
    const records = await auditOf(t, 'organisation-einvoice.updated');
    expect(records.length).toBeGreaterThanOrEqual(2);
    const last = JSON.parse(records.at(-1)!.changes);
    expect(last).toEqual({ contactName: { before: '', after: 'Anna' }, bic: { before: 'COBADEFFXXX', after: '' } });
    expect(records.at(-1)!.target_type).toBe('organisation');
  });

  it.each([
    [{ vatId: '123456789' }, /vatId: .*BT-31.*BR-CO-09/],
    [{ vatId: 'XX123' }, /vatId/],
    [{ countryCode: 'Germany' }, /countryCode: .*ISO 3166-1/],
    [{ iban: 'DE89370400440532013001' }, /iban: not a valid IBAN/],
    [{ bic: 'NOPE' }, /bic: not a BIC/],
    [{ electronicAddress: '0401100012345', electronicAddressScheme: '' }, /electronicAddressScheme: .*BT-34-1/],
    [{ electronicAddress: 'x', electronicAddressScheme: '9999' }, /electronicAddressScheme: .*CEF EAS/],
    [{ electronicAddress: '', electronicAddressScheme: '0088' }, /electronicAddress: .*required when its scheme is given/],
    [{ legalRegistrationId: 'HRB 1', legalRegistrationScheme: '12' }, /legalRegistrationScheme: .*ICD/],
    [{ paymentMeansCode: '99' }, /paymentMeansCode: .*UNTDID 4461/],
    [{ electronicAddress: '4000001000006', electronicAddressScheme: '0088' }, /electronicAddress: a GLN .*check digit/],
    [{ untaxedCategoryCode: 'S' }, /untaxedCategoryCode: O .* or E/],
    [{ exemptionReasonCode: 'VATEX-XX' }, /exemptionReasonCode: .*VATEX/],
    [{ contactPhone: 'call us' }, /contactPhone: .*three digits/],
    [{ contactEmail: 'not-an-address' }, /contactEmail/],
    [{ accountName: 'x'.repeat(256) }, /accountName: at most 255 characters/],
  ])('refuses %j with a 400 naming the member, and writes nothing', async (body, message) => {
    const before = (await call(t, 'GET', SELLER)).response;
    const audits = await countRows(t, 'audit_log');
    const r = await call(t, 'PUT', SELLER, { json: body });
    expect(r.status, r.raw).toBe(400);
    expect(r.body.error.message).toMatch(message);
    expect((await call(t, 'GET', SELLER)).response).toEqual(before);
    expect(await countRows(t, 'audit_log')).toBe(audits);
  });

  it('only CRM admins write (403), guests read nothing (403)', async () => {
    const user = await t.createUser();
    const before = (await call(t, 'GET', SELLER)).response;
    const r = await call(t, 'PUT', SELLER, { json: { vatId: 'FR12345678901' }, token: user.token });
    expect(r.status).toBe(403);
    expect(r.body.error.message).toMatch(/administrator/);
    expect((await call(t, 'GET', SELLER)).response).toEqual(before);
    const guest = await t.createUser({ isVisitor: true });
    expect((await call(t, 'GET', SELLER, { token: guest.token })).status).toBe(403);
    const admin = await t.createUser({ isAdmin: true });
    expect((await call(t, 'PUT', SELLER, { json: { vatId: 'EL123456789' }, token: admin.token })).response.vatId).toBe('EL123456789');
  });
});

describe('contact e-invoice settings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('GET answers empty settings for a contact without any, 404 for a missing contact, 400 for id ≤ 0', async () => {
    const id = await insertContact(t, { isCompany: true, name: 'Buyer AG' });
    const r = await call(t, 'GET', contactUrl(id));
    expect(r.status).toBe(200);
    expect(r.response).toEqual({ contactId: id, vatId: '', legalRegistrationId: '', legalRegistrationScheme: '', countryCode: '', electronicAddress: '', electronicAddressScheme: '', buyerReference: '' });
    expect((await call(t, 'GET', contactUrl(999_999))).status).toBe(404);
    expect((await call(t, 'GET', contactUrl(0))).status).toBe(400);
    expect((await call(t, 'GET', contactUrl(-3))).status).toBe(400);
  });

  it('PUT stores, normalises and audits; a partial PUT keeps the rest', async () => {
    const id = await insertContact(t, { isCompany: true, name: 'Amt' });
    const r = await call(t, 'PUT', contactUrl(id), {
      json: { vatId: 'de987654321', countryCode: 'de', electronicAddress: '04011000-12345-67', electronicAddressScheme: '0204', buyerReference: ' 04011000-12345-67 ' },
    });
    expect(r.status, r.raw).toBe(200);
    expect(r.response).toMatchObject({ contactId: id, vatId: 'DE987654321', countryCode: 'DE', electronicAddressScheme: '0204', buyerReference: '04011000-12345-67' });
    const p = await call(t, 'PUT', contactUrl(id), { json: { legalRegistrationId: 'HRB 9' } });
    expect(p.response).toMatchObject({ vatId: 'DE987654321', legalRegistrationId: 'HRB 9' });
    const records = await auditOf(t, 'contact-einvoice.updated');
    expect(records.map((a) => JSON.parse(a.target_ids))).toEqual([[id], [id]]);
    expect(JSON.parse(records[1]!.changes)).toEqual({ legalRegistrationId: { before: '', after: 'HRB 9' } });
  });

  it('follows the contact rights: read to read, edit to write; otherwise 404 and nothing written', async () => {
    const user = await t.createUser();
    const privateId = await insertContact(t, { shareType: 0, name: 'Secret Ltd', isCompany: true });
    const readOnly = await insertContact(t, { shareType: 2, name: 'Read Only GmbH', isCompany: true });
    const managed = await insertContact(t, { shareType: 0, name: 'Managed SA', isCompany: true, accessList: [user.id] });
    expect((await call(t, 'GET', contactUrl(privateId), { token: user.token })).status).toBe(404);
    expect((await call(t, 'PUT', contactUrl(privateId), { json: { vatId: 'DE1' }, token: user.token })).status).toBe(404);
    expect((await call(t, 'GET', contactUrl(readOnly), { token: user.token })).status).toBe(200);
    const audits = await countRows(t, 'audit_log');
    const refused = await call(t, 'PUT', contactUrl(readOnly), { json: { vatId: 'DE123456789' }, token: user.token });
    expect(refused.status).toBe(404);
    expect(await countRows(t, 'audit_log')).toBe(audits);
    expect((await call(t, 'GET', contactUrl(readOnly))).response.vatId).toBe('');
    const ok = await call(t, 'PUT', contactUrl(managed), { json: { vatId: 'FR12345678901' }, token: user.token });
    expect(ok.status, ok.raw).toBe(200);
  });

  it('refuses bad values with a 400 naming the member', async () => {
    const id = await insertContact(t, { isCompany: true, name: 'Bad Data Inc' });
    for (const [body, message] of [
      [{ vatId: '12345' }, /vatId: .*BT-48/],
      [{ countryCode: 'USA' }, /countryCode: .*BT-55/],
      [{ electronicAddress: '12345' }, /electronicAddressScheme: .*BT-49-1/],
      [{ buyerReference: 'x'.repeat(300) }, /buyerReference: at most 255/],
    ] as const) {
      const r = await call(t, 'PUT', contactUrl(id), { json: body });
      expect(r.status, r.raw).toBe(400);
      expect(r.body.error.message).toMatch(message);
    }
    expect((await call(t, 'GET', contactUrl(id))).response.vatId).toBe('');
  });
});
