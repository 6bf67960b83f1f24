// Screens 5 and 6: products & services, and taxes. Thin like the API's routes: read the form,
// call the use case, redirect (303) or re-render the form with 422. Rights are the use cases'.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accessDenied, DomainError, notFound } from '../../domain/errors.js';
import type { InvoiceItemInput, InvoiceTaxInput } from '../../domain/invoices/catalogue.js';
import { MAX_TEXT_LENGTH } from '../../domain/invoices/catalogue.js';
import { MAX_AMOUNT, round2Away, ZERO } from '../../domain/money.js';
import { formatDecimal } from '../../domain/shared/locale-number.js';
import type { Actor } from '../../domain/people/user.js';
import { createInvoiceItem } from '../../use-cases/catalogue/create-invoice-item.js';
import { createInvoiceTax } from '../../use-cases/catalogue/create-invoice-tax.js';
import { deleteInvoiceItem } from '../../use-cases/catalogue/delete-invoice-items.js';
import { deleteInvoiceTax } from '../../use-cases/catalogue/delete-invoice-tax.js';
import { getInvoiceItem } from '../../use-cases/catalogue/get-invoice-item.js';
import { listInvoiceItems } from '../../use-cases/catalogue/list-invoice-items.js';
import { listInvoiceTaxes } from '../../use-cases/catalogue/list-invoice-taxes.js';
import { updateInvoiceItem } from '../../use-cases/catalogue/update-invoice-item.js';
import { updateInvoiceTax } from '../../use-cases/catalogue/update-invoice-tax.js';
import { getCrmSettings } from '../../use-cases/currencies/crm-settings.js';
import type { Deps } from '../../use-cases/deps.js';
import { redirectTo, sendPage, webContext, type WebContext } from '../context.js';
import type { WebForm } from '../form.js';
import { charLength, Errors, inputNumber, isValidationError, readNumber } from '../screens/admin-form.js';
import { EMPTY_ITEM_FORM, ItemFormPage, type ItemFormValues } from '../screens/item-form.js';
import { ItemsPage, ITEMS_PER_PAGE } from '../screens/items.js';
import { EMPTY_TAX_FORM, TaxFormPage, type TaxFormValues } from '../screens/tax-form.js';
import { TaxesPage } from '../screens/taxes.js';

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

const actorOf = (req: FastifyRequest): Actor => req.webActor!;

/** A positive integer id from the path; anything else is a page that does not exist. */
function pathId(req: IdRequest): number {
  const text = req.params.id;
  if (!/^\d{1,15}$/.test(text) || Number(text) <= 0) throw notFound();
  return Number(text);
}

const positiveInt = (text: string | null): number => (text && /^\d{1,9}$/.test(text) && Number(text) > 0 ? Number(text) : 0);

const demandAdmin = (actor: Actor): void => {
  if (!actor.isAdmin) throw accessDenied();
};

// ---------------------------------------------------------------------------------------------
// Items

function itemValuesOf(form: WebForm): ItemFormValues {
  return {
    name: form.get('name') ?? '',
    sku: form.get('sku') ?? '',
    description: form.get('description') ?? '',
    price: form.get('price') ?? '',
    stock: form.get('stock') ?? '',
    track: form.has('track'),
    tax1: form.get('tax1') ?? '0',
    tax2: form.get('tax2') ?? '0',
  };
}

/** Checks the typed values as the server will (same limits), with messages in the UI language. */
function readItemInput(ctx: WebContext, v: ItemFormValues, taxIds: ReadonlySet<number>, errors: Errors): InvoiceItemInput {
  const { t } = ctx;
  const max = formatDecimal(MAX_AMOUNT.toString(), ctx.numberLocale, 2);
  if (v.name.trim() === '') errors.add('item-name', t('items.err.name'));
  else if (charLength(v.name) > MAX_TEXT_LENGTH) errors.add('item-name', t('admin.tooLong', { max: MAX_TEXT_LENGTH }));
  if (charLength(v.sku.trim()) > MAX_TEXT_LENGTH) errors.add('item-sku', t('admin.tooLong', { max: MAX_TEXT_LENGTH }));
  const price = readNumber(ctx, errors, 'item-price', v.price, true);
  if (price && !round2Away(price).greaterThan(ZERO)) errors.add('item-price', t('items.err.pricePositive'));
  else if (price && round2Away(price).greaterThan(MAX_AMOUNT)) errors.add('item-price', t('items.err.priceMax', { max }));
  const stock = readNumber(ctx, errors, 'item-stock', v.stock, false);
  if (stock && round2Away(stock).abs().greaterThan(MAX_AMOUNT)) errors.add('item-stock', t('items.err.stockRange', { max }));
  const tax = (field: string, text: string) => {
    const id = /^\d{1,9}$/.test(text) ? Number(text) : -1;
    if (id !== 0 && !taxIds.has(id)) errors.add(field, t('items.err.tax'));
    return Math.max(0, id);
  };
  return {
    title: v.name.trim(),
    sku: v.sku.trim(),
    description: v.description.trim(),
    price,
    stockQuantity: stock ?? ZERO,
    trackInventory: v.track,
    tax1Id: tax('item-tax1', v.tax1),
    tax2Id: tax('item-tax2', v.tax2),
  };
}

/** Puts a refusal of the use case on the field it is about. */
function itemRefusal(ctx: WebContext, e: DomainError, errors: Errors): void {
  const m = e.message;
  if (/invoiceTax1id/.test(m)) errors.add('item-tax1', ctx.t('items.err.tax'));
  else if (/invoiceTax2id/.test(m)) errors.add('item-tax2', ctx.t('items.err.tax'));
  else if (/title/i.test(m)) errors.add('item-name', ctx.t('admin.serverRefused', { message: m }));
  else if (/price/i.test(m)) errors.add('item-price', ctx.t('admin.serverRefused', { message: m }));
  else if (/sku/i.test(m)) errors.add('item-sku', ctx.t('admin.serverRefused', { message: m }));
  else if (/stock/i.test(m)) errors.add('item-stock', ctx.t('admin.serverRefused', { message: m }));
  else errors.add('item-name', ctx.t('admin.serverRefused', { message: m }));
}

function itemNotice(ctx: WebContext, done: string | null): { kind: 'status'; text: string } | undefined {
  if (done === 'created') return { kind: 'status', text: ctx.t('items.created') };
  if (done === 'saved') return { kind: 'status', text: ctx.t('items.saved') };
  if (done === 'deleted') return { kind: 'status', text: ctx.t('items.deleted') };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Taxes

function taxValuesOf(form: WebForm): TaxFormValues {
  return { name: form.get('name') ?? '', rate: form.get('rate') ?? '', description: form.get('description') ?? '' };
}

function readTaxInput(ctx: WebContext, v: TaxFormValues, errors: Errors): InvoiceTaxInput {
  const { t } = ctx;
  if (v.name.trim() === '') errors.add('tax-name', t('taxes.err.name'));
  else if (charLength(v.name.trim()) > MAX_TEXT_LENGTH) errors.add('tax-name', t('admin.tooLong', { max: MAX_TEXT_LENGTH }));
  const rate = readNumber(ctx, errors, 'tax-rate', v.rate, true);
  if (rate && round2Away(rate).abs().greaterThan(MAX_AMOUNT)) errors.add('tax-rate', t('taxes.err.rateRange', { max: formatDecimal(MAX_AMOUNT.toString(), ctx.numberLocale, 2) }));
  return { name: v.name.trim(), rate: rate ?? ZERO, description: v.description.trim() };
}

function taxRefusal(ctx: WebContext, e: DomainError, errors: Errors): void {
  if (e.code === 'CONFLICT_DUPLICATE') errors.add('tax-name', ctx.t('taxes.err.nameTaken'));
  else if (/rate/i.test(e.message)) errors.add('tax-rate', ctx.t('admin.serverRefused', { message: e.message }));
  else errors.add('tax-name', ctx.t('admin.serverRefused', { message: e.message }));
}

function taxNotice(ctx: WebContext, done: string | null): { kind: 'status'; text: string } | undefined {
  if (done === 'created') return { kind: 'status', text: ctx.t('taxes.created') };
  if (done === 'saved') return { kind: 'status', text: ctx.t('taxes.saved') };
  if (done === 'deleted') return { kind: 'status', text: ctx.t('taxes.deleted') };
  return undefined;
}

// ---------------------------------------------------------------------------------------------

export function catalogueRoutes(web: FastifyInstance, deps: Deps): void {
  const allTaxes = async (actor: Actor) => (await listInvoiceTaxes(deps, actor)).views;
  const defaultCurrency = async (actor: Actor) => (await getCrmSettings(deps, actor)).defaultCurrency.abbreviation;

  async function itemForm(req: FastifyRequest, reply: FastifyReply, status: number, values: ItemFormValues, errors: Errors, id?: number) {
    const actor = actorOf(req);
    const ctx = webContext(req, reply);
    const [taxes, currency, item] = await Promise.all([
      allTaxes(actor),
      defaultCurrency(actor),
      id ? getInvoiceItem(deps, actor, id).then((p) => p.views[0]!) : undefined,
    ]);
    return sendPage(
      reply,
      status,
      <ItemFormPage
        ctx={ctx}
        item={item ? { id: item.item.id, title: item.item.title, canDelete: item.canDelete } : undefined}
        values={values}
        errors={errors.list}
        taxes={taxes.map((v) => v.tax)}
        currency={currency}
      />,
    );
  }

  /** Validates and saves a posted item form; answers the saved id, or re-renders with 422. */
  async function saveItem(req: FastifyRequest, reply: FastifyReply, id: number | undefined) {
    const actor = actorOf(req);
    demandAdmin(actor);
    const ctx = webContext(req, reply);
    const values = itemValuesOf(req.webForm);
    const errors = new Errors();
    const taxIds = new Set((await allTaxes(actor)).map((v) => v.tax.id));
    const input = readItemInput(ctx, values, taxIds, errors);
    if (!errors.any) {
      try {
        if (id) await updateInvoiceItem(deps, actor, id, input);
        else await createInvoiceItem(deps, actor, input);
        return redirectTo(reply, `/app/items?done=${id ? 'saved' : 'created'}`);
      } catch (e) {
        if (!isValidationError(e)) throw e;
        itemRefusal(ctx, e, errors);
      }
    }
    return itemForm(req, reply, 422, values, errors, id);
  }

  web.get('/items', async (req, reply) => {
    const actor = actorOf(req);
    const ctx = webContext(req, reply);
    const q = (ctx.query.get('q') ?? '').trim();
    const page = positiveInt(ctx.query.get('page')) || 1;
    const list = await listInvoiceItems(deps, actor, {
      filterValue: q || undefined, inventoryStock: undefined, sortBy: 'name', descending: false,
      offset: (page - 1) * ITEMS_PER_PAGE, limit: ITEMS_PER_PAGE,
    });
    let notice: { kind: 'status' | 'error'; text: string } | undefined = itemNotice(ctx, ctx.query.get('done'));
    const refused = positiveInt(ctx.query.get('refused'));
    if (refused) {
      const name = await getInvoiceItem(deps, actor, refused).then((p) => p.views[0]?.item.title).catch(() => undefined);
      notice = { kind: 'error', text: name === undefined ? ctx.t('items.refusedGone') : ctx.t('items.refused', { name }) };
    }
    return sendPage(reply, 200, <ItemsPage ctx={ctx} views={list.views} total={list.total} q={q} page={page} notice={notice} />);
  });

  web.get('/items/new', async (req, reply) => {
    demandAdmin(actorOf(req));
    return itemForm(req, reply, 200, EMPTY_ITEM_FORM, new Errors());
  });
  web.post('/items/new', async (req, reply) => saveItem(req, reply, undefined));

  web.get('/items/:id/edit', async (req: IdRequest, reply) => {
    const actor = actorOf(req);
    demandAdmin(actor);
    const id = pathId(req);
    const ctx = webContext(req, reply);
    const { item } = (await getInvoiceItem(deps, actor, id)).views[0]!;
    const values: ItemFormValues = {
      name: item.title,
      sku: item.sku,
      description: item.description,
      price: inputNumber(ctx, item.price),
      stock: item.stockQuantity.isZero() ? '' : inputNumber(ctx, item.stockQuantity, 0),
      track: item.trackInventory,
      tax1: String(item.tax1Id),
      tax2: String(item.tax2Id),
    };
    return itemForm(req, reply, 200, values, new Errors(), id);
  });
  web.post('/items/:id/edit', async (req: IdRequest, reply) => saveItem(req, reply, pathId(req)));

  web.post('/items/:id/delete', async (req: IdRequest, reply) => {
    const actor = actorOf(req);
    const id = pathId(req);
    try {
      await deleteInvoiceItem(deps, actor, id);
    } catch (e) {
      // An admin's delete is refused only when invoices use the item (spec §3.9): say so on the list.
      if (actor.isAdmin && e instanceof DomainError && e.code === 'ACCESS_DENIED') return redirectTo(reply, `/app/items?refused=${id}`);
      throw e;
    }
    return redirectTo(reply, '/app/items?done=deleted');
  });

  // Taxes -------------------------------------------------------------------------------------

  async function taxForm(req: FastifyRequest, reply: FastifyReply, status: number, values: TaxFormValues, errors: Errors, id?: number) {
    const ctx = webContext(req, reply);
    let tax: { id: number; name: string; canDelete: boolean } | undefined;
    if (id) {
      const view = (await allTaxes(actorOf(req))).find((v) => v.tax.id === id);
      if (!view) throw notFound();
      tax = { id, name: view.tax.name, canDelete: view.canDelete };
    }
    return sendPage(reply, status, <TaxFormPage ctx={ctx} tax={tax} values={values} errors={errors.list} />);
  }

  async function saveTax(req: FastifyRequest, reply: FastifyReply, id: number | undefined) {
    const actor = actorOf(req);
    demandAdmin(actor);
    const ctx = webContext(req, reply);
    const values = taxValuesOf(req.webForm);
    const errors = new Errors();
    const input = readTaxInput(ctx, values, errors);
    if (!errors.any) {
      try {
        if (id) await updateInvoiceTax(deps, actor, id, input);
        else await createInvoiceTax(deps, actor, input);
        return redirectTo(reply, `/app/taxes?done=${id ? 'saved' : 'created'}`);
      } catch (e) {
        if (!isValidationError(e)) throw e;
        taxRefusal(ctx, e, errors);
      }
    }
    return taxForm(req, reply, 422, values, errors, id);
  }

  web.get('/taxes', async (req, reply) => {
    const actor = actorOf(req);
    const ctx = webContext(req, reply);
    const views = await allTaxes(actor);
    let notice: { kind: 'status' | 'error'; text: string } | undefined = taxNotice(ctx, ctx.query.get('done'));
    const refused = positiveInt(ctx.query.get('refused'));
    if (refused) {
      const name = views.find((v) => v.tax.id === refused)?.tax.name;
      notice = { kind: 'error', text: name === undefined ? ctx.t('taxes.refusedGone') : ctx.t('taxes.refused', { name }) };
    }
    const sorted = [...views].sort((a, b) => a.tax.name.localeCompare(b.tax.name, ctx.locale));
    return sendPage(reply, 200, <TaxesPage ctx={ctx} views={sorted} notice={notice} />);
  });

  web.get('/taxes/new', async (req, reply) => {
    demandAdmin(actorOf(req));
    return taxForm(req, reply, 200, EMPTY_TAX_FORM, new Errors());
  });
  web.post('/taxes/new', async (req, reply) => saveTax(req, reply, undefined));

  web.get('/taxes/:id/edit', async (req: IdRequest, reply) => {
    const actor = actorOf(req);
    demandAdmin(actor);
    const id = pathId(req);
    const ctx = webContext(req, reply);
    const view = (await allTaxes(actor)).find((v) => v.tax.id === id);
    if (!view) throw notFound();
    const values: TaxFormValues = { name: view.tax.name, rate: inputNumber(ctx, view.tax.rate, 0), description: view.tax.description };
    return taxForm(req, reply, 200, values, new Errors(), id);
  });
  web.post('/taxes/:id/edit', async (req: IdRequest, reply) => saveTax(req, reply, pathId(req)));

  web.post('/taxes/:id/delete', async (req: IdRequest, reply) => {
    const actor = actorOf(req);
    const id = pathId(req);
    try {
      await deleteInvoiceTax(deps, actor, id);
    } catch (e) {
      if (actor.isAdmin && e instanceof DomainError && e.code === 'ACCESS_DENIED') return redirectTo(reply, `/app/taxes?refused=${id}`);
      throw e;
    }
    return redirectTo(reply, '/app/taxes?done=deleted');
  });
}
