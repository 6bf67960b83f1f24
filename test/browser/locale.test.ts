// Numbers as people write and read them (issue 9): de-DE input `1.234,5` is read as 1234.50, an
// ambiguous number (`1.234` in de-DE) is refused with a message and kept in the field, and the
// Russian UI shows `1 234,50 ₽` on the list and the details page.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildWorld, invoiceBody, writeCounts, type World } from '../support/invoice-world.js';
import { apiOk, choose, describeBrowser, expectNoPageProblems, signedInPage, startHarness, textOf, worldNames, type Harness, type OpenedPage } from './support/harness.js';
import { button, ensureLines, field, fillLine, fillTermsIfEmpty, save } from './support/flows.js';

let h: Harness;
let w: World;
let names: { client: string; vat: string };

/** Switches the form's number locale: a visible control if there is one, else the hidden `numberLocale` field. */
async function useNumberLocale(page: Page, locale: string): Promise<void> {
  const control = page.locator('[name="numberLocale"]').first();
  expect(await control.count(), 'the invoice form carries a numberLocale field').toBeGreaterThan(0);
  const tag = await control.evaluate((el) => `${el.tagName.toLowerCase()}:${(el as HTMLInputElement).type}`);
  if (tag.startsWith('select')) await control.selectOption(locale);
  else if (tag === 'input:radio') await page.locator(`[name="numberLocale"][value="${locale}"]`).check();
  else await control.evaluate((el, v) => { (el as HTMLInputElement).value = v; }, locale);
  // The island reads the form's number locale from the form element as well.
  await page.evaluate((v) => {
    const form = document.querySelector<HTMLFormElement>('form[data-number-locale]');
    if (form) form.dataset.numberLocale = v;
  }, locale);
}

async function newInvoiceForm(page: Page): Promise<void> {
  await page.goto('/app/invoices/new');
  await choose(field(page, 'Client'), names.client);
  await ensureLines(page, 1);
  await fillTermsIfEmpty(page);
}

describeBrowser('locale numbers in the browser', () => {
  beforeAll(async () => {
    h = await startHarness();
    w = await buildWorld(h.t);
    names = await worldNames(h.t, w);
  });
  afterAll(async () => h?.close());

  for (const js of [true, false]) {
    describe_(js);
  }

  function describe_(js: boolean) {
    it(`de-DE: "1.234,5" is read as 1234.50 (JavaScript ${js ? 'on' : 'off'})`, async () => {
      const s = await signedInPage(h, { javaScriptEnabled: js });
      try {
        const { page } = s;
        await newInvoiceForm(page);
        await useNumberLocale(page, 'de-DE');
        await fillLine(page, 1, { item: 'Widget', quantity: '1.234,5', price: '2' });
        const saved = await save(page);
        const stored = await apiOk(h.t, 'GET', `/api/2.0/crm/invoice/${saved.id}`);
        expect(stored.invoiceLines[0].quantity).toBe(1234.5);
        expect(stored.cost).toBe(2469);
        expectNoPageProblems(s.guard);
      } finally {
        await s.context.close();
      }
    });

    it(`de-DE: the ambiguous "1.234" is refused with a message, the value kept (JavaScript ${js ? 'on' : 'off'})`, async () => {
      const s = await signedInPage(h, { javaScriptEnabled: js });
      try {
        const { page } = s;
        await newInvoiceForm(page);
        await useNumberLocale(page, 'de-DE');
        await fillLine(page, 1, { item: 'Widget', quantity: '1.234', price: '2' });
        const before = (await writeCounts(h.t)).invoices;
        const [response] = await Promise.all([
          page.waitForResponse((r) => r.request().method() === 'POST', { timeout: 5_000 }).catch(() => undefined),
          button(page, 'Save').click(),
        ]);
        // Refused: by the server (422, the form re-rendered) or already in the browser (no post at all).
        if (response) expect(response.status()).toBe(422);
        await expect.poll(async () => textOf(page.getByRole('main')), { timeout: 10_000 }).toMatch(/“1\.234” is ambiguous: write .+ or .+\./);
        const q = field(page, 'Quantity, line 1');
        expect(await q.inputValue()).toBe('1.234');
        expect(await q.getAttribute('aria-invalid')).toBe('true');
        const describedBy = (await q.getAttribute('aria-describedby')) ?? '';
        expect(describedBy, 'the field points at its message').not.toBe('');
        const messages = await Promise.all(describedBy.split(/\s+/).map((id) => page.locator(`[id="${id}"]`).textContent()));
        expect(messages.join(' ')).toMatch(/ambiguous/);
        expect((await writeCounts(h.t)).invoices, 'nothing saved').toBe(before);
        expectNoPageProblems(s.guard);
      } finally {
        await s.context.close();
      }
    });
  }

  it('ru-RU: the Russian UI shows "1 234,50 ₽" on the list and the details page', async () => {
    const inv = await apiOk(h.t, 'POST', '/api/2.0/crm/invoice', invoiceBody(w, {
      number: 'RUB-1', currency: 'rub', exchangeRate: 1,
      invoiceLines: [{ invoiceItemID: w.itemId, quantity: 1, price: '1234.5' }],
    }));
    const s = await signedInPage(h);
    try {
      const { page } = s;
      await page.goto('/app/invoices');
      await page.getByLabel('Language').selectOption('ru');
      await Promise.all([page.waitForLoadState('load'), button(page, 'Change').click()]);
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ru');
      await page.goto('/app/invoices?q=RUB-1');
      expect(await textOf(page.getByRole('main'))).toContain('1 234,50 ₽');
      await page.goto(`/app/invoices/${inv.id}`);
      expect(await textOf(page.getByRole('main'))).toContain('1 234,50 ₽');
      expectNoPageProblems(s.guard);
    } finally {
      await s.context.close();
    }
  });
});
