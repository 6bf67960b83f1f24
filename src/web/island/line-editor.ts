// The line-editor island (UI.md "Line editor"): live totals computed by the domain's own money
// and totals functions (the ones the PDF uses), so what the editor shows is what will print.
// Plain DOM, no framework; everything it needs comes from the server's markup (data-* attributes:
// item prices and taxes, tax rates, labels with a {n} placeholder), and every action it takes
// over (add, move, remove, due presets) is also a submit button that works without it.
// Imports only pure src/domain code.
import { computeInvoiceTotals, type TotalsLine, type TotalsTax } from '../../domain/invoices/invoice-totals.js';
import { Decimal, round2Away, ZERO } from '../../domain/money.js';
import { formatDecimal, formatMoney, parseLocaleNumber } from '../../domain/shared/locale-number.js';

type Field = HTMLInputElement | HTMLSelectElement;

function start(form: HTMLFormElement): void {
  const body = form.querySelector<HTMLTableSectionElement>('#lines-body');
  const template = document.querySelector<HTMLTemplateElement>('#line-template');
  const totalsOut = form.querySelector<HTMLOutputElement>('#invoice-totals');
  if (!body || !template || !totalsOut) return;
  const locale = form.dataset.numberLocale || 'en-US';
  const currencySelect = form.querySelector<HTMLSelectElement>('#currency');
  let dirty = false;

  const rows = () => [...body.querySelectorAll<HTMLTableRowElement>(':scope > tr.line')];
  const field = (row: Element, name: string) => row.querySelector<Field>(`[name$="[${name}]"]`);
  const selectedOption = (el: Field | null) => (el instanceof HTMLSelectElement ? el.selectedOptions[0] : undefined);

  /** A typed number in the form's locale, rounded as stored; undefined while unreadable. */
  const read = (text: string, fallback?: Decimal): Decimal | undefined => {
    if (text.trim() === '') return fallback;
    const r = parseLocaleNumber(text, locale);
    return r.ok ? round2Away(new Decimal(r.value)) : undefined;
  };
  const taxOf = (el: Field | null): TotalsTax | null => {
    const o = selectedOption(el);
    return o && o.value ? { id: Number(o.value), name: o.dataset.name ?? '', rate: new Decimal(o.dataset.rate ?? '0') } : null;
  };

  function recompute(): void {
    const currency = currencySelect?.value || totalsOut!.dataset.currency || 'EUR';
    const money = (d: Decimal) => formatMoney(d.toFixed(2), currency, locale);
    const counted: { out: HTMLOutputElement | null; line: TotalsLine }[] = [];
    for (const row of rows()) {
      const out = row.querySelector<HTMLOutputElement>('output.amount');
      const item = selectedOption(field(row, 'itemId'));
      const itemPrice = item?.dataset.price ? new Decimal(item.dataset.price) : undefined;
      const quantity = read(field(row, 'quantity')?.value ?? '');
      const price = read(field(row, 'price')?.value ?? '', itemPrice);
      const discount = read(field(row, 'discount')?.value ?? '', ZERO);
      if (!quantity || !price || !discount) {
        if (out) out.textContent = '—';
        continue;
      }
      counted.push({ out, line: { quantity, price, discount, tax1: taxOf(field(row, 'tax1Id')), tax2: taxOf(field(row, 'tax2Id')) } });
    }
    const totals = computeInvoiceTotals(counted.map((c) => c.line));
    counted.forEach((c, i) => {
      if (c.out) c.out.textContent = money(totals.lines[i]!.net);
    });
    const d = totalsOut!.dataset;
    const rowsOut: [string, string, boolean][] = [];
    if (!totals.discount.isZero()) {
      rowsOut.push([d.lGross ?? '', money(totals.gross), false]);
      rowsOut.push([d.lDiscount ?? '', `−${money(totals.discount)}`, false]);
    }
    rowsOut.push([d.lSubtotal ?? '', money(totals.subtotal), false]);
    for (const x of totals.taxes) rowsOut.push([`${x.tax.name} (${formatDecimal(x.tax.rate.toFixed(2), locale, 2)}%)`, money(x.amount), false]);
    rowsOut.push([d.lTotal ?? '', money(totals.total), true]);
    const spans = rowsOut.map(([label, value, strong]) => {
      const r = document.createElement('span');
      r.className = strong ? 'totals-row totals-total' : 'totals-row';
      const l = document.createElement('span');
      l.className = 'totals-label';
      l.textContent = label;
      const v = document.createElement('span');
      v.className = 'totals-value';
      v.textContent = value;
      r.append(l, ' ', v);
      return r;
    });
    // Only announce when something changed (aria-live reads every replacement).
    const text = spans.map((s) => s.textContent).join('|');
    if (text !== [...totalsOut!.children].map((s) => s.textContent).join('|')) totalsOut!.replaceChildren(...spans);
  }

  /** Line numbers after add/move/remove: field names lines[i][…], ids, labels, button values. */
  function renumber(): void {
    const all = rows();
    all.forEach((row, i) => {
      const swap = (v: string) => v.replace(/line-\d+-/g, `line-${i}-`);
      row.querySelectorAll<Field>('[name^="lines["]').forEach((el) => (el.name = el.name.replace(/^lines\[\d+\]/, `lines[${i}]`)));
      row.querySelectorAll<HTMLElement>('[id]').forEach((el) => (el.id = swap(el.id)));
      row.querySelectorAll<HTMLLabelElement>('label[for]').forEach((el) => (el.htmlFor = swap(el.htmlFor)));
      row.querySelectorAll<HTMLElement>('[aria-describedby]').forEach((el) => el.setAttribute('aria-describedby', swap(el.getAttribute('aria-describedby')!)));
      row.querySelectorAll<HTMLElement>('[data-label]').forEach((el) => (el.textContent = (el.dataset.label ?? '').replace('{n}', String(i + 1))));
      row.querySelectorAll<HTMLButtonElement>('button[name="action"]').forEach((b) => {
        const kind = b.value.split(':')[0];
        b.value = `${kind}:${i}`;
        b.disabled = (kind === 'up' && i === 0) || (kind === 'down' && i === all.length - 1);
      });
    });
  }

  const narrow = window.matchMedia('(max-width: 640px)');
  const closeMenus = (root: ParentNode) => {
    if (narrow.matches) root.querySelectorAll<HTMLDetailsElement>('details.line-menu').forEach((m) => (m.open = false));
  };

  function addLine(): HTMLTableRowElement {
    const row = (template!.content.firstElementChild as HTMLTableRowElement).cloneNode(true) as HTMLTableRowElement;
    body!.append(row);
    closeMenus(row);
    renumber();
    return row;
  }

  const changed = () => {
    dirty = true;
    recompute();
  };

  // Picking an item fills description, price and taxes from the option's data.
  function pickItem(select: HTMLSelectElement): void {
    const row = select.closest('tr.line');
    const o = select.selectedOptions[0];
    if (!row || !o || !o.value) return;
    const description = field(row, 'description') as HTMLInputElement | null;
    if (description && (description.value.trim() === '' || description.dataset.fromItem === description.value)) {
      description.value = o.dataset.description ?? '';
      description.dataset.fromItem = description.value;
    }
    const price = field(row, 'price') as HTMLInputElement | null;
    if (price && o.dataset.price) price.value = formatDecimal(o.dataset.price, locale, 2, false);
    const quantity = field(row, 'quantity') as HTMLInputElement | null;
    if (quantity && quantity.value.trim() === '') quantity.value = '1';
    for (const [name, key] of [['tax1Id', 'tax1'], ['tax2Id', 'tax2']] as const) {
      const tax = field(row, name);
      if (tax) tax.value = o.dataset[key] ?? '';
    }
  }

  form.addEventListener('input', changed);
  form.addEventListener('change', (e) => {
    const el = e.target as HTMLElement;
    if (el instanceof HTMLSelectElement && el.classList.contains('item-select')) pickItem(el);
    if (el.id === 'client') {
      const o = (el as HTMLSelectElement).selectedOptions[0];
      const address = form.querySelector<HTMLElement>('#client-address');
      if (address) address.textContent = o && o.value ? o.dataset.address || address.dataset.none || '' : '';
      const billing = form.querySelector<HTMLInputElement>('input[name="billingAddressId"]');
      if (billing) billing.value = '';
    }
    if (el.id === 'same-as-client') syncConsignee();
    if (el.id === 'currency') {
      const rate = form.querySelector<HTMLInputElement>('#exchange-rate');
      const o = (el as HTMLSelectElement).selectedOptions[0];
      if (rate && o?.dataset.rate && !rate.dataset.typed) rate.value = o.dataset.rate;
    }
    if (el.id === 'exchange-rate') (el as HTMLInputElement).dataset.typed = '1';
    changed();
  });

  const consignee = form.querySelector<HTMLSelectElement>('#consignee');
  const same = form.querySelector<HTMLInputElement>('#same-as-client');
  function syncConsignee(): void {
    if (consignee && same) consignee.disabled = same.checked;
  }
  syncConsignee();

  // Buttons the island does in the page; the others (save, recalculate, new item/tax) submit.
  form.addEventListener('click', (e) => {
    const b = (e.target as HTMLElement).closest<HTMLButtonElement>('button[name="action"]');
    if (!b) return;
    const [kind, arg] = b.value.split(':');
    const row = b.closest<HTMLTableRowElement>('tr.line');
    if (kind === 'add-line') {
      e.preventDefault();
      field(addLine(), 'itemId')?.focus();
    } else if ((kind === 'up' || kind === 'down') && row) {
      e.preventDefault();
      const other = kind === 'up' ? row.previousElementSibling : row.nextElementSibling;
      if (!other) return;
      if (kind === 'up') other.before(row);
      else other.after(row);
      renumber();
      // Keep focus on the moved line's button (or its twin when this one is now disabled).
      (b.disabled ? row.querySelector<HTMLButtonElement>(`button[value^="${kind === 'up' ? 'down' : 'up'}:"]`) : b)?.focus();
    } else if (kind === 'remove' && row) {
      e.preventDefault();
      const next = row.nextElementSibling ?? row.previousElementSibling;
      row.remove();
      if (rows().length === 0) addLine();
      renumber();
      (next && next.isConnected ? field(next, 'itemId') : field(rows()[0]!, 'itemId'))?.focus();
    } else if (kind === 'due') {
      const issue = form.querySelector<HTMLInputElement>('#issue-date');
      const due = form.querySelector<HTMLInputElement>('#due-date');
      if (!issue || !due || !/^\d{4}-\d{2}-\d{2}$/.test(issue.value)) return;
      e.preventDefault();
      const d = new Date(`${issue.value}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + Number(arg));
      due.value = d.toISOString().slice(0, 10);
      due.focus();
    } else return;
    changed();
  });

  // Enter in a field of the last line adds a line; Ctrl/⌘+S saves.
  form.addEventListener('keydown', (e) => {
    const el = e.target as HTMLElement;
    if (e.key !== 'Enter' || e.isComposing || !(el instanceof HTMLInputElement) || el.type === 'checkbox') return;
    const row = el.closest('tr.line');
    if (!row || row !== rows().at(-1)) return;
    e.preventDefault();
    field(addLine(), 'itemId')?.focus();
    changed();
  });
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
      e.preventDefault();
      dirty = false;
      form.requestSubmit(form.querySelector<HTMLButtonElement>('#save') ?? undefined);
    }
  });

  // Unsaved edits: the browser asks before leaving; any submit of the form clears the flag.
  form.addEventListener('submit', () => {
    dirty = false;
    if (consignee) consignee.disabled = false;
  });
  window.addEventListener('beforeunload', (e) => {
    if (!dirty) return;
    e.preventDefault();
    e.returnValue = '';
  });

  closeMenus(body);
  recompute();
  document.querySelector<HTMLElement>('.error-summary')?.focus();
}

const form = document.querySelector<HTMLFormElement>('#invoice-form');
if (form) start(form);
