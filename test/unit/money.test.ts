// Exact decimals for money (spec §1.3, §1.8, §3.1; DECISIONS Q11, Q26).
import { describe, expect, it } from 'vitest';
import { Decimal, MAX_AMOUNT, fromScaled, parseDecimal, round2Away, round2Even, round6Away, toScaled } from '../../src/domain/money.js';

const d = (s: string) => new Decimal(s);

describe('parseDecimal', () => {
  it.each([
    ['0', '0'],
    ['42', '42'],
    ['-12.5', '-12.5'],
    ['+3', '3'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['7.70', '7.7'],
    ['1e2', '100'],
    ['1E+2', '100'],
    ['5.0e-05', '0.00005'],
    ['0.5928005320236359', '0.5928005320236359'],
    ['12345678.123456789012345', '12345678.123456789012345'],
    ['  7 ', '7'],
  ])('reads %j exactly as %s', (text, value) => {
    const v = parseDecimal(text);
    expect(v).toBeDefined();
    expect(v!.toString()).toBe(value);
  });

  it('is exact where floats are not', () => {
    expect(parseDecimal('0.1')!.plus(parseDecimal('0.2')!).toString()).toBe('0.3');
  });

  it.each(['', ' ', 'abc', '1,5', '1,000.00', '1 000', '1.2.3', '--1', '+-1', '.', '-', 'e5', '1e', '1e2.5', '0x10', 'Infinity', '-Infinity', 'NaN', '1_000', '١٢', '$5', '5%'])(
    'refuses %j',
    (text) => {
      expect(parseDecimal(text)).toBeUndefined();
    },
  );
});

describe('rounding to 2 decimals', () => {
  it.each([
    ['2.345', '2.34', '2.35'],
    ['2.355', '2.36', '2.36'],
    ['-2.345', '-2.34', '-2.35'],
    ['-2.355', '-2.36', '-2.36'],
    ['0.125', '0.12', '0.13'],
    ['0.005', '0', '0.01'],
    ['2.3449999', '2.34', '2.34'],
    ['2.3450001', '2.35', '2.35'],
    ['7.7', '7.7', '7.7'],
  ])('%s: half to even %s, half away from zero %s', (x, even, away) => {
    expect(round2Even(d(x)).toString()).toBe(even);
    expect(round2Away(d(x)).toString()).toBe(away);
  });

  it('rounds exchange rates to 6 decimals half away from zero', () => {
    expect(round6Away(d('1.2345675')).toString()).toBe('1.234568');
    expect(round6Away(d('-1.2345665')).toString()).toBe('-1.234567');
    expect(round6Away(d('0.5928005320236359')).toString()).toBe('0.592801');
  });

  it('does not round through floats', () => {
    // 1.005 is 1.00499999999999989… as a double; as a decimal it is a tie.
    expect(round2Away(d('1.005')).toString()).toBe('1.01');
    expect(round2Even(d('1.005')).toString()).toBe('1');
  });
});

describe('scaled integers for storage', () => {
  it('scales 2-decimal amounts to hundredths and back', () => {
    expect(toScaled(d('7.70'), 2)).toBe(770);
    expect(toScaled(d('-0.01'), 2)).toBe(-1);
    expect(toScaled(d('0.29'), 2)).toBe(29);
    expect(toScaled(MAX_AMOUNT, 2)).toBe(9_999_999_999);
    expect(fromScaled(770, 2).toFixed(2)).toBe('7.70');
    expect(fromScaled('9999999999', 2).toString()).toBe('99999999.99');
    expect(fromScaled(10n, 2).toString()).toBe('0.1');
    expect(fromScaled(-1, 2).toString()).toBe('-0.01');
  });

  it('scales 6-decimal rates to millionths and back', () => {
    expect(toScaled(d('1.234568'), 6)).toBe(1_234_568);
    expect(toScaled(d('0.000001'), 6)).toBe(1);
    expect(fromScaled(1_234_568, 6).toString()).toBe('1.234568');
    expect(fromScaled('592801', 6).toString()).toBe('0.592801');
  });

  it('round-trips every stored amount exactly', () => {
    for (const text of ['0', '0.01', '0.1', '1.23', '19.99', '-45.67', '99999999.99', '-99999999.99']) {
      expect(fromScaled(toScaled(d(text), 2), 2).equals(d(text)), text).toBe(true);
    }
    for (const text of ['0.000001', '1.5', '123.456789', '99999999.999999']) {
      expect(fromScaled(toScaled(d(text), 6), 6).equals(d(text)), text).toBe(true);
    }
  });
});
