// Form pairs and JSON documents as lower-cased trees (DECISIONS "Wire format").
import { describe, expect, it } from 'vitest';
import { FormShapeError, MAX_NESTING, isFormObject, jsonToTree, pairsToTree, splitKey } from '../../src/http/form-tree.js';

const tree = (query: string) => pairsToTree(new URLSearchParams(query));
/** Plain objects for toEqual (trees are null-prototype objects). */
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe('splitKey', () => {
  it('splits bracket keys and lower-cases every segment', () => {
    expect(splitKey('invoiceLines[0][InvoiceItemID]')).toEqual(['invoicelines', '0', 'invoiceitemid']);
    expect(splitKey('IDS[]')).toEqual(['ids', '']);
    expect(splitKey('Number')).toEqual(['number']);
  });

  it('reads keys that are not bracket syntax as plain names', () => {
    expect(splitKey('a[b]c')).toEqual(['a[b]c']);
    expect(splitKey('[x]')).toEqual(['[x]']);
    expect(splitKey('a[b')).toEqual(['a[b']);
    expect(splitKey('a]b')).toEqual(['a]b']);
  });
});

describe('pairsToTree', () => {
  it('keeps a single plain value as a string and repeats as a list, in order', () => {
    expect(plain(tree('number=INV-1&ids=1&ids=2&ids=3'))).toEqual({ number: 'INV-1', ids: ['1', '2', '3'] });
  });

  it('lower-cases names, so spellings in different case are one name', () => {
    expect(plain(tree('ContactID=1&contactid=2&CONTACTID=3'))).toEqual({ contactid: ['1', '2', '3'] });
  });

  it('builds lists from ids[] and objects from indexed keys', () => {
    expect(plain(tree('ids[]=1&ids[]=2'))).toEqual({ ids: ['1', '2'] });
    expect(plain(tree('ids[0]=1&ids[1]=2'))).toEqual({ ids: { 0: '1', 1: '2' } });
  });

  it('mixes plain and [] keys of the same name into one list', () => {
    expect(plain(tree('ids=1&ids[]=2&ids[]=3'))).toEqual({ ids: ['1', '2', '3'] });
  });

  it('nests invoiceLines[0][invoiceItemID] by index', () => {
    const t = tree('invoiceLines[0][invoiceItemID]=1&invoiceLines[1][invoiceItemID]=2&invoiceLines[0][Quantity]=3');
    expect(plain(t)).toEqual({ invoicelines: { 0: { invoiceitemid: '1', quantity: '3' }, 1: { invoiceitemid: '2' } } });
  });

  it('starts a new element of lines[][…] when a key repeats in the last one', () => {
    const t = tree('lines[][item]=1&lines[][qty]=2&lines[][item]=3&lines[][ITEM]=4&lines[][qty]=5');
    expect(plain(t)).toEqual({ lines: [{ item: '1', qty: '2' }, { item: '3' }, { item: '4', qty: '5' }] });
  });

  it('compares deeper paths when deciding whether a key repeats', () => {
    const t = tree('lines[][tax][id]=1&lines[][tax][name]=VAT&lines[][tax][id]=2');
    expect(plain(t)).toEqual({ lines: [{ tax: { id: '1', name: 'VAT' } }, { tax: { id: '2' } }] });
  });

  it('keeps the single hash lines[item]=1 as an object', () => {
    expect(plain(tree('lines[item]=1&lines[qty]=2'))).toEqual({ lines: { item: '1', qty: '2' } });
  });

  it('keeps empty values and skips empty names', () => {
    expect(plain(tree('a=&=x&b=1'))).toEqual({ a: '', b: '1' });
  });

  it('adds to an existing tree when given one', () => {
    const into = tree('a=1');
    pairsToTree([['b', '2'], ['a', '3']], into);
    expect(plain(into)).toEqual({ a: ['1', '3'], b: '2' });
  });

  it('builds null-prototype objects: __proto__ is only a name', () => {
    const t = tree('__proto__[polluted]=1&constructor[prototype][x]=2');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(Object.getPrototypeOf(t)).toBeNull();
    expect(isFormObject(t['__proto__'])).toBe(true);
  });

  it(`allows ${MAX_NESTING} bracket levels and refuses more`, () => {
    const key = (levels: number) => `a${'[b]'.repeat(levels)}`;
    let v: unknown = tree(`${key(MAX_NESTING)}=1`).a;
    for (let i = 0; i < MAX_NESTING - 1; i++) v = (v as Record<string, unknown>).b;
    expect(plain(v)).toEqual({ b: '1' });
    expect(() => tree(`${key(MAX_NESTING + 1)}=1`)).toThrow(FormShapeError);
    expect(() => tree(`${key(MAX_NESTING + 1)}=1`)).toThrow(/nested too deeply/);
  });
});

describe('jsonToTree', () => {
  it('lower-cases keys at every level and turns scalars into their text', () => {
    const t = jsonToTree({ Number: 'INV-1', Price: 7.7, Big: 1e21, IsPaid: true, No: false, Lines: [{ InvoiceItemID: 3 }] });
    expect(plain(t)).toEqual({ number: 'INV-1', price: '7.7', big: '1e+21', ispaid: 'true', no: 'false', lines: [{ invoiceitemid: '3' }] });
  });

  it('keeps the exact shortest text of numbers', () => {
    expect(jsonToTree(JSON.parse('{"a": 0.5928005320236359}'))).toEqual(expect.objectContaining({ a: '0.5928005320236359' }));
    expect(plain(jsonToTree({ a: 5e-5 }))).toEqual({ a: '0.00005' });
  });

  it('drops null members (they bind like missing ones) and keeps nulls in lists as empty text', () => {
    expect(plain(jsonToTree({ a: null, b: 1, c: [1, null, 2] }))).toEqual({ b: '1', c: ['1', '', '2'] });
  });

  it('lets the first spelling of a name win', () => {
    expect(plain(jsonToTree({ contactId: 1, ContactID: 2, CONTACTID: 3 }))).toEqual({ contactid: '1' });
  });

  it('returns scalars, null and undefined as given at the top', () => {
    expect(jsonToTree(5)).toBe('5');
    expect(jsonToTree(null)).toBeNull();
    expect(jsonToTree(undefined)).toBeUndefined();
    expect(jsonToTree([1, 'a'])).toEqual(['1', 'a']);
  });

  it('builds null-prototype objects from a __proto__ member', () => {
    const t = jsonToTree(JSON.parse('{"__proto__": {"polluted": 1}}')) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(plain(t['__proto__'])).toEqual({ polluted: '1' });
  });

  it('refuses documents nested deeper than the limit', () => {
    const nest = (levels: number) => {
      let v: unknown = 1;
      for (let i = 0; i < levels; i++) v = { a: v };
      return v;
    };
    expect(() => jsonToTree(nest(MAX_NESTING + 2))).not.toThrow();
    expect(() => jsonToTree(nest(MAX_NESTING + 3))).toThrow(FormShapeError);
    let arrays: unknown = [1];
    for (let i = 0; i < 20; i++) arrays = [arrays];
    expect(() => jsonToTree(arrays)).toThrow(/nested too deeply/);
  });
});
