// spec §3.2: the print snapshot's shape and its own arithmetic.
import { describe, expect, it } from 'vitest';
import { buildSnapshot, ENGLISH_LABELS, formatSnapshotDate, type SnapshotInput } from '../../src/domain/invoices/snapshot.js';
import { Decimal } from '../../src/domain/money.js';

const d = (s: string) => new Decimal(s);
const base: SnapshotInput = {
  templateType: 0, number: 'INV-0000001', issueDate: '6/1/2015', dueDate: '7/1/2015', purchaseOrderNumber: '',
  terms: 'Net 30', description: '', currency: 'EUR',
  seller: { name: 'Ledgerline GmbH', address: { street: '1 Main St', city: 'Berlin', state: '', zip: '10115', country: 'Germany' } },
  logoId: 0, customer: { name: 'ACME' }, consignee: null, billingAddressId: 0, deliveryAddressId: 0,
  lines: [], labels: ENGLISH_LABELS,
};

describe('snapshot (spec §3.2)', () => {
  it('adds the two tax rates per line and rounds once: 0.11 where cost is 0.10', () => {
    const vat = { id: 1, name: 'VAT', rate: d('5.00') };
    const other = { id: 2, name: 'Eco', rate: d('5.00') };
    const s = JSON.parse(buildSnapshot({ ...base, lines: [{ itemTitle: 'Pen', description: '', quantity: d('1.00'), price: d('0.10'), discount: d('0.00'), tax1: vat, tax2: other }] }));
    expect(s.TableTotalRow).toEqual({ Item1: 'Invoice Total (EUR)', Item2: '0.11' });
    expect(s.TableFooterRows).toEqual([
      { Item1: 'Subtotal', Item2: '0.10' },
      { Item1: 'VAT (5.00%)', Item2: '0.00' },
      { Item1: 'Eco (5.00%)', Item2: '0.00' },
    ]);
    expect(s.TableBodyRows).toEqual([['Pen', '1.00', '0.10', '0.00', 'VAT', 'Eco', '0.10']]);
  });

  it('has every member in the contract order, PascalCase, tuples as Item1/Item2', () => {
    const s = JSON.parse(buildSnapshot({
      ...base, purchaseOrderNumber: 'PO-7', description: 'Thanks',
      consignee: { name: 'Depot', address: { street: '2 Dock Rd', city: 'Hamburg', state: '', zip: '', country: '' } },
      billingAddressId: 5, deliveryAddressId: 6,
      lines: [{ itemTitle: 'Service', description: 'May', quantity: d('2.00'), price: d('100.00'), discount: d('10.00'), tax1: { id: 3, name: 'VAT', rate: d('20.00') }, tax2: null }],
    }));
    expect(Object.keys(s)).toEqual(['TemplateType', 'Seller', 'LogoBase64Id', 'LogoBase64', 'LogoSrcFormat', 'Number', 'Invoice', 'Customer',
      'TableHeaderRow', 'TableBodyRows', 'TableFooterRows', 'TableTotalRow', 'Terms', 'Notes', 'Consignee', 'DeliveryAddressID', 'BillingAddressID']);
    expect(s.Seller).toEqual({ Item1: 'Seller', Item2: 'Ledgerline GmbH\n1 Main St, Berlin, 10115, Germany' });
    expect(s.Invoice).toEqual([{ Item1: 'Invoice Date', Item2: '6/1/2015' }, { Item1: 'PO Number', Item2: 'PO-7' }, { Item1: 'Due date', Item2: '7/1/2015' }]);
    expect(s.Consignee).toEqual({ Item1: 'Ship To', Item2: 'Depot\n2 Dock Rd, Hamburg' });
    expect(s.Notes).toEqual({ Item1: 'Client notes', Item2: 'Thanks' });
    expect(s.TableBodyRows[0]).toEqual(['Service: May', '2.00', '100.00', '10.00', 'VAT', '', '180.00']);
    expect(s.TableTotalRow.Item2).toBe('216.00');
    expect(s.BillingAddressID).toBe(5);
    expect(s.DeliveryAddressID).toBe(6);
  });

  it('prints tenant-local calendar dates (DECISIONS Q25)', () => {
    // Midnight in Moscow (UTC+3) is the previous day in UTC; the snapshot keeps the local day.
    const instant = new Date('2015-05-31T21:00:00Z');
    expect(formatSnapshotDate(instant, 'Europe/Moscow', 'en-US')).toBe('6/1/2015');
    expect(formatSnapshotDate(instant, 'UTC', 'en-US')).toBe('5/31/2015');
  });
});
