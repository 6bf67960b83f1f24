// The pure rules of the invoice search (domain/invoices/invoice-filter.ts): edge cases the HTTP
// suites do not reach.
import { describe, expect, it } from 'vitest';
import { computeRange, parseInvoiceFilter as parseIn, parseInvoiceSort, parseSearchWords, type InvoiceFilterInput } from '../../src/domain/invoices/invoice-filter.js';

const parseInvoiceFilter = (input: InvoiceFilterInput) => parseIn(input, 'UTC');

describe('parseInvoiceSort', () => {
  it('names in any case and numbers 0–5, with sign or leading zeros as .NET parses them', () => {
    expect(parseInvoiceSort('DueDate', true)).toEqual({ key: 'dueDate', descending: true });
    expect(parseInvoiceSort(' issuedate ', false)).toEqual({ key: 'issueDate', descending: false });
    expect(parseInvoiceSort('+3', true)).toEqual({ key: 'dueDate', descending: true });
    expect(parseInvoiceSort('02', true)).toEqual({ key: 'contact', descending: true });
  });

  it('everything else is number ascending', () => {
    for (const s of [undefined, '', '  ', '6', '-0x1', '1.0', 'Cost', '99999999999999999999']) {
      expect(parseInvoiceSort(s, true), String(s)).toEqual({ key: 'number', descending: false });
    }
  });
});

describe('computeRange', () => {
  it('to + 1 day − 1 minute; from as given', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2026-01-31T00:00:00Z');
    expect(computeRange(undefined, undefined, 'UTC')).toBeUndefined();
    expect(computeRange(from, undefined, 'UTC')).toEqual({ from: from.getTime() });
    expect(computeRange(undefined, to, 'UTC')).toEqual({ to: Date.parse('2026-01-31T23:59:00Z') });
    expect(computeRange(from, to, 'UTC')).toEqual({ from: from.getTime(), to: Date.parse('2026-01-31T23:59:00Z') });
  });

  it('adds the day on the tenant wall clock: 23:59 local also on daylight-saving days', () => {
    // Berlin: 2026-03-29 has 23 hours, 2026-10-25 has 25.
    expect(computeRange(undefined, new Date('2026-03-28T23:00:00Z'), 'Europe/Berlin')).toEqual({ to: Date.parse('2026-03-29T23:59:00+02:00') });
    expect(computeRange(undefined, new Date('2026-10-24T22:00:00Z'), 'Europe/Berlin')).toEqual({ to: Date.parse('2026-10-25T23:59:00+01:00') });
    expect(computeRange(undefined, new Date('2026-01-14T23:00:00Z'), 'Europe/Berlin')).toEqual({ to: Date.parse('2026-01-15T23:59:00+01:00') });
    // A `to` with a time keeps it: + 1 day − 1 minute from there.
    expect(computeRange(undefined, new Date('2026-01-15T11:00:00Z'), 'Europe/Berlin')).toEqual({ to: Date.parse('2026-01-16T11:59:00+01:00') });
  });
});

describe('parseSearchWords', () => {
  it('trims, splits on spaces, normalises like the stored keys', () => {
    expect(parseSearchWords('  Foo  BAR ')).toEqual(['foo', 'bar']);
    expect(parseSearchWords('ＩＮＶ-１')).toEqual(['inv-1']); // NFKC
    expect(parseSearchWords('   ')).toEqual([]);
    expect(parseSearchWords(undefined)).toEqual([]);
  });
});

describe('parseInvoiceFilter', () => {
  const none = { entityId: 0 };
  it('no parameter: no criterion, everything matches', () => {
    expect(parseInvoiceFilter(none)).toEqual({ matchesNothing: false, criteria: { words: [] } });
    expect(parseInvoiceFilter({ ...none, entityType: 'Contact' })).toEqual({ matchesNothing: false, criteria: { words: [] } });
  });

  it('a parameter without a condition matches nothing (Q14)', () => {
    expect(parseInvoiceFilter({ entityId: 5 })).toEqual({ matchesNothing: true });
    expect(parseInvoiceFilter({ entityId: -5 })).toEqual({ matchesNothing: true });
    expect(parseInvoiceFilter({ ...none, searchText: '  ' })).toEqual({ matchesNothing: true });
    expect(parseInvoiceFilter({ entityId: 5, entityType: 'case', status: 1 })).toEqual({ matchesNothing: true });
    expect(parseInvoiceFilter({ ...none, status: 9 })).toEqual({ matchesNothing: true });
  });

  it('builds the criteria', () => {
    expect(parseInvoiceFilter({ entityId: 5, entityType: 'OPPORTUNITY', currency: 'eur', status: 2, searchText: 'a b' })).toEqual({
      matchesNothing: false,
      criteria: { opportunityId: 5, currency: 'EUR', status: 2, words: ['a', 'b'] },
    });
  });

  it('refuses other entity types', () => {
    expect(() => parseInvoiceFilter({ ...none, entityType: 'person' })).toThrow(/entityType/);
  });
});
