// Screen 4: GET/POST /app/invoices/new, GET/POST /app/invoices/:id/edit (drafts only) and
// GET /app/invoices/:id/duplicate (a new-invoice form pre-filled from :id, posting to /new).
// A post either saves (303 to the invoice) or runs a form action and re-renders the form with
// every value kept: Recalculate, Add line, move/remove a line, a due-date preset, New item, New tax.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accessDenied, DomainError } from '../../domain/errors.js';
import type { InvoiceView } from '../../use-cases/invoices/invoice-view.js';
import { Decimal } from '../../domain/money.js';
import { localDate } from '../../domain/shared/time-zone.js';
import { createInvoiceItem } from '../../use-cases/catalogue/create-invoice-item.js';
import { createInvoiceTax } from '../../use-cases/catalogue/create-invoice-tax.js';
import type { Deps } from '../../use-cases/deps.js';
import { createInvoice } from '../../use-cases/invoices/create-invoice.js';
import { getInvoice } from '../../use-cases/invoices/get-invoice.js';
import { updateInvoice } from '../../use-cases/invoices/update-invoice.js';
import { loadInvoiceFormOptions, type InvoiceFormOptions } from '../../use-cases/web/invoice-form-options.js';
import { redirectTo, sendPage, webContext, type WebContext } from '../context.js';
import { InvoiceFormPage, type InvoiceFormPageProps } from '../screens/invoice-form.js';
import {
  applyLineAction,
  fillFromItems,
  formTotals,
  invoiceValues,
  lineFieldId,
  newInvoiceValues,
  numberLocaleOf,
  parseAction,
  parseInvoiceForm,
  placeNewItem,
  postedValues,
  readNumber,
  type FieldError,
  type InvoiceFormValues,
} from '../screens/invoice-form-model.js';

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

const idOf = (text: string): number => (/^\d{1,9}$/.test(text) ? Number(text) : 0);
const contactOf = (v: InvoiceFormValues): number => idOf(v.contactId);

interface FormPlace {
  mode: InvoiceFormPageProps['mode'];
  action: string;
  invoiceNumber?: string;
  cancelHref: string;
}

function render(reply: FastifyReply, ctx: WebContext, status: number, place: FormPlace, values: InvoiceFormValues, options: InvoiceFormOptions, errors: FieldError[] = [], notice?: string) {
  const { totals, lineNet } = formTotals(values, options);
  return sendPage(reply, status,
    <InvoiceFormPage ctx={ctx} {...place} values={values} options={options} errors={errors} totals={totals} lineNet={lineNet} notice={notice} />);
}

/** Where a use-case refusal points in the form, and what it says there. */
function saveErrorOf(ctx: WebContext, err: DomainError, values: InvoiceFormValues): FieldError {
  const m = err.message;
  const line = /Invoice line (\d+)/.exec(m);
  if (/number .* already exists/i.test(m)) return { field: 'number', message: `${ctx.t('editor.number')}: ${ctx.t('editor.error.numberTaken')}` };
  const field = line ? lineFieldId(Math.min(Number(line[1]) - 1, Math.max(0, values.lines.length - 1)), 'itemId')
    : /opportunit/i.test(m) ? 'opportunity'
      : /currency/i.test(m) ? 'currency'
        : /exchangeRate/i.test(m) ? 'exchange-rate'
          : /language/i.test(m) ? 'language'
            : /terms/i.test(m) ? 'terms'
              : /number/i.test(m) ? 'number'
                : /consignee|deliveryAddress/i.test(m) ? 'consignee'
                  : 'client';
  return { field, message: ctx.t('editor.error.rejected', { detail: m }) };
}

/** Refusals a form can show next to a field; anything else (404, 403, …) goes to the error pages. */
const isFormError = (e: unknown): e is DomainError =>
  e instanceof DomainError && (e.code === 'INVALID_ARGUMENT' || e.code === 'CONFLICT_DUPLICATE' || e.code === 'INVALID_OPERATION');

export function invoiceFormRoutes(web: FastifyInstance, deps: Deps): void {
  const today = (req: FastifyRequest) => localDate(deps.clock.now(), req.webActor!.timeZone);

  /** The invoice to edit: drafts the reader may edit; issued ones send the reader to the details page. */
  async function editable(req: IdRequest, reply: FastifyReply): Promise<InvoiceView | undefined> {
    const id = idOf(req.params.id);
    const { view } = await getInvoice(deps, req.webActor!, id);
    if (view.invoice.status !== 'draft') {
      redirectTo(reply, `/app/invoices/${id}?notice=not-editable`);
      return undefined;
    }
    if (!view.canEdit) throw accessDenied();
    return view;
  }

  async function handlePost(req: FastifyRequest, reply: FastifyReply, place: FormPlace, invoiceId: number | undefined) {
    const ctx = webContext(req, reply);
    const actor = req.webActor!;
    const form = req.webForm;
    let values = postedValues(form, ctx.numberLocale);
    const action = parseAction(form.get('action'));
    let options = await loadInvoiceFormOptions(deps, actor, contactOf(values));
    const items = () => new Map(options.items.map((i) => [i.id, i]));

    switch (action.kind) {
      case 'recalculate':
        return render(reply, ctx, 200, place, fillFromItems(values, items()), options, [], ctx.t('editor.notice.recalculated'));
      case 'add-line':
      case 'up':
      case 'down':
      case 'remove':
      case 'due':
        return render(reply, ctx, 200, place, applyLineAction(values, action), options);
      case 'new-item': {
        if (!options.canEditCatalogue) throw accessDenied();
        const errors: FieldError[] = [];
        const title = values.newItemTitle.trim();
        if (!title) errors.push({ field: 'new-item-name', message: `${ctx.t('editor.newItem.name')}: ${ctx.t('editor.error.itemName')}` });
        const price = readNumber(values.newItemPrice, values.numberLocale, ctx.t);
        if (!price.ok) errors.push({ field: 'new-item-price', message: `${ctx.t('editor.newItem.price')}: ${price.message}` });
        else if (!price.value.greaterThan(0)) errors.push({ field: 'new-item-price', message: `${ctx.t('editor.newItem.price')}: ${ctx.t('editor.error.itemPrice')}` });
        if (errors.length) return render(reply, ctx, 422, place, values, options, errors);
        try {
          const created = await createInvoiceItem(deps, actor, { title, sku: values.newItemSku.trim(), price: (price as { value: Decimal }).value });
          const itemId = created.views[0]!.item.id;
          options = await loadInvoiceFormOptions(deps, actor, contactOf(values));
          const item = options.items.find((i) => i.id === itemId);
          if (item) values = placeNewItem(values, item);
          return render(reply, ctx, 200, place, values, options, [], ctx.t('editor.notice.itemCreated', { name: title }));
        } catch (e) {
          if (!isFormError(e)) throw e;
          return render(reply, ctx, 422, place, values, options, [{ field: /price/i.test(e.message) ? 'new-item-price' : 'new-item-name', message: `${ctx.t('editor.newItem.create')}: ${e.message}` }]);
        }
      }
      case 'new-tax': {
        if (!options.canEditCatalogue) throw accessDenied();
        const errors: FieldError[] = [];
        const name = values.newTaxName.trim();
        if (!name) errors.push({ field: 'new-tax-name', message: `${ctx.t('editor.newTax.name')}: ${ctx.t('editor.error.taxName')}` });
        const rate = readNumber(values.newTaxRate, values.numberLocale, ctx.t);
        if (!rate.ok) errors.push({ field: 'new-tax-rate', message: `${ctx.t('editor.newTax.rate')}: ${rate.message}` });
        if (errors.length) return render(reply, ctx, 422, place, values, options, errors);
        try {
          await createInvoiceTax(deps, actor, { name, description: '', rate: (rate as { value: Decimal }).value });
        } catch (e) {
          if (!isFormError(e)) throw e;
          const message = e.code === 'CONFLICT_DUPLICATE' ? ctx.t('editor.error.taxExists') : e.message;
          return render(reply, ctx, 422, place, values, options, [{ field: /rate/i.test(e.message) ? 'new-tax-rate' : 'new-tax-name', message: `${ctx.t('editor.newTax.name')}: ${message}` }]);
        }
        options = await loadInvoiceFormOptions(deps, actor, contactOf(values));
        values = { ...values, newTaxName: '', newTaxRate: '' };
        return render(reply, ctx, 200, place, values, options, [], ctx.t('editor.notice.taxCreated', { name }));
      }
      case 'save': {
        const parsed = parseInvoiceForm(values, { t: ctx.t, timeZone: actor.timeZone, options });
        if (!parsed.input) return render(reply, ctx, 422, place, values, options, parsed.errors);
        try {
          let id = invoiceId;
          if (id === undefined) id = (await createInvoice(deps, actor, parsed.input)).id;
          else await updateInvoice(deps, actor, id, parsed.input);
          return redirectTo(reply, `/app/invoices/${id}`);
        } catch (e) {
          if (!isFormError(e)) throw e;
          return render(reply, ctx, 422, place, values, options, [saveErrorOf(ctx, e, values)]);
        }
      }
    }
  }

  const NEW: FormPlace = { mode: 'new', action: '/app/invoices/new', cancelHref: '/app/invoices' };

  web.get('/invoices/new', async (req, reply) => {
    const ctx = webContext(req, reply);
    const client = idOf(ctx.query.get('client') ?? '');
    const options = await loadInvoiceFormOptions(deps, req.webActor!, client);
    const values = newInvoiceValues(options, today(req), numberLocaleOf(ctx.query.get('numberLocale') ?? undefined, ctx.numberLocale));
    if (options.contacts.some((c) => c.id === client)) values.contactId = String(client);
    return render(reply, ctx, 200, NEW, values, options);
  });

  web.post('/invoices/new', async (req, reply) => handlePost(req, reply, NEW, undefined));

  web.get('/invoices/:id/edit', async (req: IdRequest, reply) => {
    const view = await editable(req, reply);
    if (!view) return reply;
    const ctx = webContext(req, reply);
    const inv = view.invoice;
    const options = await loadInvoiceFormOptions(deps, req.webActor!, inv.contactId);
    const values = invoiceValues(inv, view.lines, req.webActor!.timeZone, ctx.numberLocale);
    return render(reply, ctx, 200, { mode: 'edit', action: `/app/invoices/${inv.id}/edit`, invoiceNumber: inv.number, cancelHref: `/app/invoices/${inv.id}` }, values, options);
  });

  web.post('/invoices/:id/edit', async (req: IdRequest, reply) => {
    const view = await editable(req, reply);
    if (!view) return reply;
    const inv = view.invoice;
    return handlePost(req, reply, { mode: 'edit', action: `/app/invoices/${inv.id}/edit`, invoiceNumber: inv.number, cancelHref: `/app/invoices/${inv.id}` }, inv.id);
  });

  web.get('/invoices/:id/duplicate', async (req: IdRequest, reply) => {
    const { view } = await getInvoice(deps, req.webActor!, idOf(req.params.id));
    const ctx = webContext(req, reply);
    const inv = view.invoice;
    const options = await loadInvoiceFormOptions(deps, req.webActor!, inv.contactId);
    const values = invoiceValues(inv, view.lines, req.webActor!.timeZone, ctx.numberLocale, today(req));
    // A copy of an issued invoice gets the catalogue's current taxes only when the line still names them.
    const taxIds = new Set(options.taxes.map((x) => String(x.id)));
    values.lines = values.lines.map((l) => ({ ...l, tax1Id: taxIds.has(l.tax1Id) ? l.tax1Id : '', tax2Id: taxIds.has(l.tax2Id) ? l.tax2Id : '' }));
    if (!options.contacts.some((c) => String(c.id) === values.contactId)) values.contactId = '';
    return render(reply, ctx, 200, { ...NEW, mode: 'duplicate', invoiceNumber: inv.number, cancelHref: `/app/invoices/${inv.id}` }, values, options);
  });
}
