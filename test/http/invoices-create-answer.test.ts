// POST invoice answers with the creator's view built from what its transaction wrote and checked,
// without reading the invoice again (issue 7). That answer must be exactly what GET invoice/{id}
// says right after, member for member: proved here for the shapes that exercise every part of the
// view (consignee, opportunity, addresses, rounding of stored values, two taxes, a private contact
// with an access list and its users, a non-admin creator, the series number).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { buildWorld, invoiceBody, type World } from '../support/invoice-world.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('POST invoice answers what GET invoice/{id} answers', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  /** Creates through the API as `token` and compares the answer with a GET by the same caller. */
  async function expectAnswerEqualsRead(body: Record<string, unknown>, token?: string) {
    const created = await call(t, 'POST', '/api/2.0/crm/invoice', { json: body, token });
    expect(created.status, created.raw).toBe(201);
    const read = await call(t, 'GET', `/api/2.0/crm/invoice/${created.response.id}`, { token });
    expect(read.status).toBe(200);
    expect(created.response).toEqual(read.response);
    return created.response;
  }

  it('with consignee, opportunity, addresses, two taxes, PO, description and values that round when stored', async () => {
    const answer = await expectAnswerEqualsRead(invoiceBody(w, {
      number: 'ANS-1',
      consigneeId: w.consigneeId,
      entityId: w.opportunityId,
      billingAddressID: w.billingAddressId,
      deliveryAddressID: w.consigneeDeliveryAddressId,
      purchaseOrderNumber: 'PO-77',
      description: 'Spring work',
      exchangeRate: '1.23456789',
      invoiceLines: [
        { invoiceItemID: w.itemId, invoiceTax1ID: w.vatId, invoiceTax2ID: w.reducedTaxId, quantity: '1.005', price: '7.704', discount: '12.5' },
        { invoiceItemID: w.item2Id, quantity: 3, price: '0.335', description: 'second' },
        { invoiceItemID: w.itemId, invoiceTax2ID: w.reducedTaxId, quantity: 2, price: 100 },
      ],
    }));
    // The parts the comparison is about are really there.
    expect(answer.consignee?.id).toBe(w.consigneeId);
    expect(answer.entity?.entityId).toBe(w.opportunityId);
    expect(answer.invoiceLines).toHaveLength(3);
  });

  it('with the series number and the consignee equal to the contact', async () => {
    const answer = await expectAnswerEqualsRead(invoiceBody(w, { consigneeId: w.contactId }));
    expect(answer.number).toMatch(/^INV-/);
  });

  it('by a non-admin creator, for a private contact whose access list names several users', async () => {
    const creator = await t.createUser();
    const other = await t.createUser();
    const contact = await call(t, 'POST', '/api/2.0/crm/contact/company', {
      json: { companyName: 'Private Ltd', shareType: 0, managerList: [other.id, creator.id] },
    });
    expect(contact.status, contact.raw).toBe(201);
    const answer = await expectAnswerEqualsRead(invoiceBody(w, { contactId: contact.response.id, number: 'ANS-PRIV' }), creator.token);
    expect(answer.contact?.id).toBe(contact.response.id);
    expect(answer.canEdit).toBe(true);
  });
});
