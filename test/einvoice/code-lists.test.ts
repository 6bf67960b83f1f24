// The code lists copied into domain/einvoice/code-lists.ts are the ones the official Schematron
// checks (BR-CL-*), compared with the XSLT itself when the artefacts are present.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, CURRENCY_CODES, EAS_CODES, ICD_CODES, PAYMENT_MEANS_CODES, VATEX_CODES } from '../../src/domain/einvoice/code-lists.js';
import { CURRENCIES } from '../../src/domain/currencies/catalogue.js';
import { XSLT } from './support/validator.js';

/** The code list an assert of the compiled Schematron tests against. */
function listOf(xslt: string, rule: string): string[] {
  const at = xslt.indexOf(`<xsl:attribute name="id">${rule}</xsl:attribute>`);
  const test = xslt.slice(xslt.lastIndexOf('<xsl:when test="', at), at);
  return /contains\(\s*' ([^']*) '/.exec(test)![1]!.split(/\s+/);
}

describe.skipIf(!existsSync(XSLT.ubl))('EN 16931 code lists', () => {
  const xslt = existsSync(XSLT.ubl) ? readFileSync(XSLT.ubl, 'utf8') : '';
  it.each([
    ['BR-CL-14', COUNTRY_CODES],
    ['BR-CL-03', CURRENCY_CODES],
    ['BR-CL-25', EAS_CODES],
    ['BR-CL-11', ICD_CODES],
    ['BR-CL-16', PAYMENT_MEANS_CODES],
    ['BR-CL-22', VATEX_CODES],
  ])('%s matches the official Schematron', (rule, codes) => {
    expect([...codes].sort()).toEqual(listOf(xslt, rule).sort());
  });
});

describe('the ONLYOFFICE currency catalogue against ISO 4217', () => {
  // Withdrawn from ISO 4217: BGN (the euro since 2026), BYR, HRK, LTL, LVL, VEF (now VES/VED).
  it('has six codes EN 16931 no longer accepts (an e-invoice in them is a 400 naming BT-5)', () => {
    const outside = CURRENCIES.map((c) => c.abbreviation).filter((c) => !CURRENCY_CODES.has(c));
    expect(outside.sort()).toEqual(['BGN', 'BYR', 'HRK', 'LTL', 'LVL', 'VEF']);
  });
});
