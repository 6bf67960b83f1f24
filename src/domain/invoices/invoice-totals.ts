// THE totals of a printed invoice (spec §3.2, DECISIONS Q11): the one formula the print snapshot,
// the InvoiceDocument (PDF, e-invoices) and the web line editor (server and browser island) use,
// so the editor shows exactly what the PDF prints. Pure; decimal arithmetic only.
//
// Per line: gross = round2_even(price × quantity); discount = round2_even(gross × discount% / 100);
// net = gross − discount; each tax's own amount = round2_even(net × rate / 100) (the footer rows);
// the line's tax = round2_even(net × (rate1 + rate2) / 100) (rates added, rounded ONCE);
// line total = round2_even(net + line tax). Subtotal = Σ net; total = Σ line totals; each tax row
// = Σ of its own amounts over the lines using it (as tax 1 or tax 2), in first-use order.
// `cost` is the API's §3.1 amount (taxes rounded separately), which can differ by 0.01 per line.
import { HUNDRED, round2Even, ZERO, type Decimal } from '../money.js';
import { computeLineAmounts } from './invoice-cost.js';

/** A tax as a line uses it (frozen on issued invoices, the catalogue's on drafts). */
export interface TotalsTax {
  id: number;
  name: string;
  /** Percent. */
  rate: Decimal;
}

export interface TotalsLine {
  price: Decimal;
  quantity: Decimal;
  /** Percent. */
  discount: Decimal;
  tax1: TotalsTax | null;
  tax2: TotalsTax | null;
}

export interface LineTotals {
  gross: Decimal;
  discount: Decimal;
  /** gross − discount: the printed "Amount" column. */
  net: Decimal;
  /** This line's amount of tax 1 / tax 2 (zero when none). */
  tax1: Decimal;
  tax2: Decimal;
  /** round2_even(net × (rate1 + rate2) / 100). */
  taxAmount: Decimal;
  /** net + taxAmount, rounded. */
  total: Decimal;
}

export interface TaxTotal {
  /** The first line's tax object with this id (its name and rate label the row). */
  tax: TotalsTax;
  amount: Decimal;
  /** Σ net of the lines using it (counted once per use). */
  taxable: Decimal;
}

export interface InvoiceTotals {
  lines: LineTotals[];
  /** Σ gross (before discounts). */
  gross: Decimal;
  /** Σ line discounts. */
  discount: Decimal;
  /** Σ net: the printed "Subtotal". */
  subtotal: Decimal;
  /** One row per distinct tax id, in first-use order. */
  taxes: TaxTotal[];
  /** Σ line totals: the printed "Invoice Total". */
  total: Decimal;
  /** The §3.1 cost the API reports (round2_even of Σ net + tax1 + tax2). */
  cost: Decimal;
}

export function computeLineTotals(line: TotalsLine): LineTotals {
  const a = computeLineAmounts({
    price: line.price,
    quantity: line.quantity,
    discount: line.discount,
    tax1Rate: line.tax1?.rate ?? null,
    tax2Rate: line.tax2?.rate ?? null,
  });
  const rateSum = (line.tax1?.rate ?? ZERO).plus(line.tax2?.rate ?? ZERO);
  const taxAmount = round2Even(a.net.times(rateSum).dividedBy(HUNDRED));
  return { gross: a.gross, discount: a.discount, net: a.net, tax1: a.tax1, tax2: a.tax2, taxAmount, total: round2Even(a.net.plus(taxAmount)) };
}

export function computeInvoiceTotals(lines: readonly TotalsLine[]): InvoiceTotals {
  const out: LineTotals[] = [];
  const taxes = new Map<number, TaxTotal>();
  let gross = ZERO;
  let discount = ZERO;
  let subtotal = ZERO;
  let total = ZERO;
  let cost = ZERO;
  for (const line of lines) {
    const t = computeLineTotals(line);
    out.push(t);
    gross = gross.plus(t.gross);
    discount = discount.plus(t.discount);
    subtotal = subtotal.plus(t.net);
    total = total.plus(t.total);
    cost = cost.plus(t.net).plus(t.tax1).plus(t.tax2);
    for (const [tax, amount] of [[line.tax1, t.tax1], [line.tax2, t.tax2]] as const) {
      if (!tax) continue;
      const row = taxes.get(tax.id) ?? { tax, amount: ZERO, taxable: ZERO };
      row.amount = row.amount.plus(amount);
      row.taxable = row.taxable.plus(t.net);
      taxes.set(tax.id, row);
    }
  }
  return { lines: out, gross, discount, subtotal, taxes: [...taxes.values()], total, cost: round2Even(cost) };
}
