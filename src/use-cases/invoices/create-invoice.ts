// POST invoice (spec §4.9 with DECISIONS): every check in the contract's order, then header,
// lines and snapshot in one transaction, numbered from the tenant's series when no number is given.
import { canReadContact } from '../../domain/contacts/contact.js';
import { findCurrency } from '../../domain/currencies/catalogue.js';
import { accessDenied, invalid } from '../../domain/errors.js';
import { formatSeriesNumber, numberKey } from '../../domain/invoices/numbering.js';
import { canAccessOpportunity, type Opportunity } from '../../domain/opportunities/opportunity.js';
import type { Invoice } from '../../domain/invoices/invoice.js';
import type { Actor, User } from '../../domain/people/user.js';
import {
  roundLineForStorage,
  validateBillingAddress,
  validateDeliveryAddress,
  validateHeaderFields,
  validateLanguage,
  validateLineFields,
  type InvoiceInput,
} from '../../domain/invoices/validate-invoice.js';
import { round6Away } from '../../domain/money.js';
import { lockItems, lockTaxes } from '../../store/catalogue.store.js';
import { findContactInfo, lockContactsShared } from '../../store/contacts.store.js';
import type { Dialect, Executor } from '../../store/database.js';
import { insertInvoiceIfNumberFree, insertLines } from '../../store/invoices.store.js';
import { findOpportunity } from '../../store/opportunities.store.js';
import { findInvoiceSettings, takeNextInvoiceValue } from '../../store/settings.store.js';
import { diffFields } from '../../domain/audit/audit.js';
import { invoiceAuditView } from '../../domain/audit/views.js';
import { auditContext, recordAudit } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { assembleSnapshot } from './invoice-snapshot.js';
import { buildView, usersShownBy, type InvoiceView } from './invoice-view.js';

/** Step 1 of §4.9: the lines' own values, then their items and taxes. */
export async function checkInvoiceLines(db: Executor, dialect: Dialect, actor: Actor, lines: InvoiceInput['lines']) {
  validateLineFields(lines);
  // Key-share locks on PostgreSQL: a concurrent delete of an item or tax cannot slip under the new lines.
  const items = await lockItems(db, dialect, actor.tenantId, lines.map((l) => l.itemId));
  const taxes = await lockTaxes(db, dialect, actor.tenantId, lines.flatMap((l) => [l.tax1Id, l.tax2Id]));
  lines.forEach((l, i) => {
    if (!items.has(l.itemId)) throw invalid(`Invoice line ${i + 1}: invoice item ${l.itemId} not found`);
    for (const taxId of [l.tax1Id, l.tax2Id])
      if (taxId > 0 && !taxes.has(taxId)) throw invalid(`Invoice line ${i + 1}: invoice tax ${taxId} not found`);
  });
  return { items, taxes };
}

/** Steps 2–7 of §4.9 plus the language check (DECISIONS Q15): everything but the lines and the number. */
export async function checkInvoiceHeader(db: Executor, dialect: Dialect, actor: Actor, input: InvoiceInput) {
  const tenantId = actor.tenantId;
  // 2. header values.
  validateHeaderFields(input);
  // 3–4. contact and consignee: exist (400) and readable (403).
  // Key-share locks on PostgreSQL: a concurrent contact delete cannot leave the invoice pointing at nothing.
  const contacts = await lockContactsShared(db, dialect, tenantId, [input.contactId, input.consigneeId]);
  const contact = contacts.get(input.contactId);
  if (!contact) throw invalid(`Contact ${input.contactId} not found`);
  if (!canReadContact(actor, contact)) throw accessDenied();
  let consignee = input.consigneeId === input.contactId ? contact : undefined;
  if (input.consigneeId !== 0 && input.consigneeId !== input.contactId) {
    consignee = contacts.get(input.consigneeId);
    if (!consignee) throw invalid(`Consignee ${input.consigneeId} not found`);
    if (!canReadContact(actor, consignee)) throw accessDenied();
  }
  // 5. opportunity: exists and accessible (else 400), with the contact among its members.
  let opportunity: Opportunity | undefined;
  if (input.entityId !== 0) {
    opportunity = await findOpportunity(db, tenantId, input.entityId);
    if (!opportunity || !canAccessOpportunity(actor, opportunity)) throw invalid(`Opportunity ${input.entityId} not found`);
    if (!opportunity.members.includes(input.contactId))
      throw invalid(`Contact ${input.contactId} is not a member of opportunity ${input.entityId}`);
  }
  // 6. currency, upper-cased (spec Q23).
  const currency = input.currency.trim().toUpperCase();
  if (!findCurrency(currency)) throw invalid(`Unknown currency: ${currency}`);
  // 7. addresses (spec §3.6).
  const [billingAddress, deliveryAddress] = await Promise.all([
    findContactInfo(db, tenantId, input.billingAddressId),
    findContactInfo(db, tenantId, input.deliveryAddressId),
  ]);
  validateBillingAddress(billingAddress, input.billingAddressId, input.contactId);
  validateDeliveryAddress(deliveryAddress, input.deliveryAddressId, input.consigneeId);
  // DECISIONS Q15: the language, before anything is written.
  validateLanguage(input.language);
  return { contact, consignee, opportunity, billingAddress, deliveryAddress, currency };
}

/** The header members the store and the snapshot take, normalised as stored. */
export function headerOf(input: InvoiceInput, number: string, currency: string) {
  return {
    templateType: input.templateType,
    number,
    issueDate: input.issueDate!,
    dueDate: input.dueDate!,
    language: input.language,
    currency,
    purchaseOrderNumber: input.purchaseOrderNumber,
    terms: input.terms,
    description: input.description,
    billingAddressId: Math.max(0, input.billingAddressId),
    deliveryAddressId: Math.max(0, input.deliveryAddressId),
  };
}

/**
 * What a create or a full update (PUT) stores as the header: the normalised members, the request's
 * parties and rate, and the snapshot (spec §3.2) built from the checked parties and the lines.
 */
export function storedHeaderOf(
  actor: Actor,
  input: InvoiceInput,
  number: string,
  checked: Awaited<ReturnType<typeof checkInvoiceHeader>>,
  parts: Pick<Parameters<typeof assembleSnapshot>[0], 'lines' | 'items' | 'taxes' | 'settings'>,
  now: number,
) {
  const header = headerOf(input, number, checked.currency);
  const jsonData = assembleSnapshot({
    ...parts, header,
    contact: checked.contact, consignee: checked.consignee,
    billingAddress: checked.billingAddress, deliveryAddress: checked.deliveryAddress,
    timeZone: actor.timeZone,
  });
  return {
    ...header,
    contactId: input.contactId,
    consigneeId: input.consigneeId,
    entityId: input.entityId,
    exchangeRate: round6Away(input.exchangeRate),
    jsonData,
    userId: actor.userId,
    now,
  };
}

/**
 * Step 8 and DECISIONS "Numbering": inserts the header (`insert`, which answers undefined when the
 * number is taken) under the given number, else under the series' next value, skipping values
 * hand-numbered invoices already use; a rollback gives the series values back.
 */
async function insertNumbered(
  db: Executor,
  tenantId: number,
  requested: string,
  settings: { autogenerated: boolean },
  insert: (number: string) => Promise<Invoice | undefined>,
): Promise<Invoice> {
  const given = requested.trim();
  if (given) {
    const invoice = await insert(given);
    if (!invoice) throw invalid(`Invoice number ${given} already exists`);
    return invoice;
  }
  if (!settings.autogenerated) throw invalid('Invoice number is required');
  for (;;) {
    const next = await takeNextInvoiceValue(db, tenantId);
    const invoice = await insert(formatSeriesNumber(next.prefix, next.value, next.number));
    if (invoice) return invoice;
  }
}

export interface CreatedInvoice {
  id: number;
  /** The creator's view of the new invoice, as GET invoice/{id} would answer it right after. */
  view: InvoiceView;
  users: Map<string, User>;
}

/**
 * Creates the invoice; answers it with the creator's view, built from the rows the transaction
 * wrote (the inserts return them as a read maps them) and the contacts, opportunity and taxes it
 * checked, not read again after the commit.
 */
export async function createInvoice(deps: Deps, actor: Actor, input: InvoiceInput): Promise<CreatedInvoice> {
  const now = deps.clock.now();
  return deps.store.transaction(async (trx) => {
    const { items, taxes } = await checkInvoiceLines(trx, deps.store.dialect, actor, input.lines);
    const checked = await checkInvoiceHeader(trx, deps.store.dialect, actor, input);
    const settings = await findInvoiceSettings(trx, actor.tenantId);
    const lines = input.lines.map(roundLineForStorage);
    const invoice = await insertNumbered(trx, actor.tenantId, input.number, settings, (candidate) =>
      insertInvoiceIfNumberFree(trx, {
        ...storedHeaderOf(actor, input, candidate, checked, { lines, items, taxes, settings }, now),
        tenantId: actor.tenantId,
        status: 'draft',
        numberKey: numberKey(candidate),
      }),
    );
    const { id, number } = invoice;
    const header = headerOf(input, number, checked.currency);
    // spec §4.9 step 10: lines in request order, sortOrder 0, 1, 2, … (request sortOrder ignored).
    const storedLines = await insertLines(trx, actor.tenantId, id, lines.map((l, i) => ({ ...l, sortOrder: i })));
    await recordAudit(auditContext(deps, trx, actor, now), {
      action: 'invoice.created', targetType: 'invoice', targetIds: [id],
      changes: diffFields(undefined, invoiceAuditView({ ...header, status: 'draft', contactId: input.contactId, consigneeId: input.consigneeId, entityId: input.entityId, exchangeRate: round6Away(input.exchangeRate) }, lines)),
    });
    const contacts = new Map([checked.contact, checked.consignee].filter((c) => c !== undefined).map((c) => [c.id, c]));
    const view = buildView(actor, invoice, storedLines, taxes, contacts, checked.opportunity);
    return { id, view, users: await usersShownBy(trx, actor.tenantId, [view]) };
  });
}
