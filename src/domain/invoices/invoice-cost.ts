// The invoice `cost` (spec §3.1), kept exactly as the original computes it (DECISIONS Q11):
// per line, banker's rounding of gross, discount and each tax separately; the sum rounded again.
import { round2Even, ZERO, HUNDRED, type Decimal } from '../money.js';

export interface CostLine {
  price: Decimal;
  quantity: Decimal;
  /** Percent. */
  discount: Decimal;
  /** Rate in percent of tax 1 / tax 2, or null when the line has none (or the tax is gone). */
  tax1Rate: Decimal | null;
  tax2Rate: Decimal | null;
}

export interface LineAmounts {
  gross: Decimal;
  discount: Decimal;
  net: Decimal;
  tax1: Decimal;
  tax2: Decimal;
}

export function computeLineAmounts(line: CostLine): LineAmounts {
  const gross = round2Even(line.price.times(line.quantity));
  const discount = round2Even(gross.times(line.discount).dividedBy(HUNDRED));
  const net = gross.minus(discount);
  const tax1 = line.tax1Rate ? round2Even(net.times(line.tax1Rate).dividedBy(HUNDRED)) : ZERO;
  const tax2 = line.tax2Rate ? round2Even(net.times(line.tax2Rate).dividedBy(HUNDRED)) : ZERO;
  return { gross, discount, net, tax1, tax2 };
}

export function computeInvoiceCost(lines: readonly CostLine[]): Decimal {
  let cost = ZERO;
  for (const line of lines) {
    const a = computeLineAmounts(line);
    cost = cost.plus(a.net).plus(a.tax1).plus(a.tax2);
  }
  return round2Even(cost);
}
