// What keeps an invoice from being a valid e-invoice, collected over the whole invoice so that
// one 400 names every missing business term (issue 6) instead of the first one only.
import { invalid } from '../errors.js';

/** Business terms in the standard's order: groups (BG) first, then terms (BT), by number. */
const termKey = (term: string): number => {
  const m = /^(BG|BT)-(\d+)/.exec(term);
  return m ? (m[1] === 'BG' ? 0 : 1000) + Number(m[2]) : 10_000;
};
const byTerm = (a: string, b: string) => termKey(a) - termKey(b);

export class EinvoiceFindings {
  private readonly missing: string[] = [];
  private readonly inexpressible: string[] = [];

  /** A mandatory business term without a value, e.g. "BT-31 Seller VAT identifier". */
  missingTerm(term: string): void {
    if (!this.missing.includes(term)) this.missing.push(term);
  }

  /** Data the ONLYOFFICE model holds that EN 16931 cannot express. */
  cannotExpress(problem: string): void {
    if (!this.inexpressible.includes(problem)) this.inexpressible.push(problem);
  }

  get isEmpty(): boolean {
    return this.missing.length === 0 && this.inexpressible.length === 0;
  }

  /** Throws the 400 when anything was found; `what` names the document, e.g. "an XRechnung 3.0 (UBL) e-invoice". */
  throwIfAny(what: string): void {
    if (this.isEmpty) return;
    const parts: string[] = [];
    if (this.missing.length) parts.push(`missing ${[...this.missing].sort(byTerm).join(', ')}`);
    if (this.inexpressible.length) parts.push(`cannot be expressed: ${this.inexpressible.join('; ')}`);
    throw invalid(`The invoice cannot be issued as ${what}: ${parts.join('; ')}`);
  }
}
