// The one place an InvoiceDocument is built (issue 6): from the stored invoice, its lines (issued
// invoices: what the lines were issued with, DECISIONS), the contact with the invoice's billing
// address, the consignee with its delivery address, and the organisation profile and logo (spec
// §5.17). Every renderer — the PDF here, the e-invoices — reads the result; none reads the store.
import { canReadContact, contactDisplayName, INFO_TYPE_ADDRESS, parseAddressData, type Contact, type ContactInfo } from '../../domain/contacts/contact.js';
import { findCurrency } from '../../domain/currencies/catalogue.js';
import { buildInvoiceDocument, type DocumentSourceLine, type DocumentSourceParty, type InvoiceDocument } from '../../domain/documents/invoice-document.js';
import { accessDenied, invalid, notFound } from '../../domain/errors.js';
import type { InvoiceItem, InvoiceTax } from '../../domain/invoices/catalogue.js';
import { canAccessInvoice, type Invoice, type InvoiceLine } from '../../domain/invoices/invoice.js';
import type { Actor } from '../../domain/people/user.js';
import { parseOrganisationAddress } from '../../domain/settings/invoice-settings.js';
import { findItems, findTaxes } from '../../store/catalogue.store.js';
import { findContactInfo, findContacts } from '../../store/contacts.store.js';
import type { Executor } from '../../store/database.js';
import { findInvoice, findLinesOf } from '../../store/invoices.store.js';
import { findOrganisationLogo } from '../../store/logos.store.js';
import { findInvoiceSettings } from '../../store/settings.store.js';
import { findTenant } from '../../store/tenants.store.js';
import type { Deps } from '../deps.js';

/**
 * The invoice `id` if the actor may see it, with the answers of spec §4.11 steps 1–3: id ≤ 0 → 400,
 * missing → 404, no CanAccess (spec §3.5) → 403. `what` names the parameter in the 400 message.
 */
export async function findAccessibleInvoice(db: Executor, actor: Actor, id: number, what = 'invoiceid'): Promise<Invoice> {
  if (!(id > 0)) throw invalid(`${what} must be greater than 0`);
  const invoice = await findInvoice(db, actor.tenantId, id);
  if (!invoice) throw notFound();
  const contact = (await findContacts(db, actor.tenantId, [invoice.contactId])).get(invoice.contactId);
  if (!canAccessInvoice(actor, invoice, !!contact && canReadContact(actor, contact))) throw accessDenied();
  return invoice;
}

/** GET-style access to an invoice's document: 400/404/403 as spec §4.11, then the document. */
export async function getInvoiceDocument(deps: Deps, actor: Actor, id: number): Promise<InvoiceDocument> {
  return loadInvoiceDocument(deps.store.db, await findAccessibleInvoice(deps.store.db, actor, id));
}

/** A line as documents print it: frozen values once issued, the catalogue's current ones on drafts. */
function sourceLine(line: InvoiceLine, items: ReadonlyMap<number, InvoiceItem>, taxes: ReadonlyMap<number, InvoiceTax>): DocumentSourceLine {
  const f = line.frozen;
  const current = (id: number) => {
    const t = id > 0 ? taxes.get(id) : undefined;
    return t ? { id: t.id, name: t.name, rate: t.rate } : null;
  };
  return {
    id: line.id,
    itemId: line.itemId,
    itemTitle: f ? f.itemTitle : (items.get(line.itemId)?.title ?? ''),
    description: line.description,
    quantity: line.quantity,
    price: line.price,
    discount: line.discount,
    tax1: f ? f.tax1 && { id: line.tax1Id, ...f.tax1 } : current(line.tax1Id),
    tax2: f ? f.tax2 && { id: line.tax2Id, ...f.tax2 } : current(line.tax2Id),
  };
}

/** A party with the invoice's address for it, when that address is still an address of that contact (spec §3.6). */
function sourceParty(contact: Contact | undefined, info: ContactInfo | undefined): DocumentSourceParty | null {
  if (!contact) return null;
  const address = info && info.contactId === contact.id && info.infoType === INFO_TYPE_ADDRESS ? parseAddressData(info.data) : undefined;
  return { contactId: contact.id, isCompany: contact.isCompany, name: contactDisplayName(contact), address };
}

/**
 * The document of an invoice the caller may already see. Read with any executor: inside a
 * transaction the document is consistent with the rows it locked.
 */
export async function loadInvoiceDocument(db: Executor, invoice: Invoice): Promise<InvoiceDocument> {
  const tenantId = invoice.tenantId;
  const lines = (await findLinesOf(db, tenantId, [invoice.id])).get(invoice.id) ?? [];
  const current = lines.filter((l) => !l.frozen);
  const [items, taxes, contacts, billing, delivery, settings, tenant] = await Promise.all([
    findItems(db, tenantId, current.map((l) => l.itemId)),
    findTaxes(db, tenantId, current.flatMap((l) => [l.tax1Id, l.tax2Id])),
    findContacts(db, tenantId, [invoice.contactId, invoice.consigneeId]),
    findContactInfo(db, tenantId, invoice.billingAddressId),
    findContactInfo(db, tenantId, invoice.deliveryAddressId),
    findInvoiceSettings(db, tenantId),
    findTenant(db, tenantId),
  ]);
  const logo = await findOrganisationLogo(db, tenantId, settings.companyLogoId);
  const currency = findCurrency(invoice.currency.toUpperCase());
  return buildInvoiceDocument({
    invoice,
    lines: lines.map((l) => sourceLine(l, items, taxes)),
    seller: { name: settings.companyName, address: parseOrganisationAddress(settings.companyAddress), logo: logo ?? null },
    billTo: sourceParty(contacts.get(invoice.contactId), invoice.billingAddressId > 0 ? billing : undefined),
    shipTo: invoice.consigneeId > 0 ? sourceParty(contacts.get(invoice.consigneeId), invoice.deliveryAddressId > 0 ? delivery : undefined) : null,
    currency: currency && { title: currency.title, symbol: currency.symbol },
    timeZone: tenant?.timeZone ?? 'UTC',
  });
}

/** Which of the invoice's parties the reader may not see (a creator who lost access, a hidden consignee). */
export async function hiddenPartiesFor(db: Executor, actor: Actor, invoice: Invoice): Promise<{ billTo: boolean; shipTo: boolean }> {
  const contacts = await findContacts(db, actor.tenantId, [invoice.contactId, invoice.consigneeId]);
  const hidden = (id: number) => id > 0 && !(contacts.has(id) && canReadContact(actor, contacts.get(id)!));
  return { billTo: hidden(invoice.contactId), shipTo: hidden(invoice.consigneeId) };
}
