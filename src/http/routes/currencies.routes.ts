// Currencies: the catalogue, the default currency, conversions (spec §6.5), the tenant's manual
// currency rates (§6.6) and the CRM settings.
import type { CurrencyRateInput } from '../../domain/currencies/currency-rates.js';
import { Decimal, ZERO } from '../../domain/money.js';
import { addCurrencyRates, setCurrencyRates } from '../../use-cases/currencies/currency-rate-batches.js';
import {
  createCurrencyRate, deleteCurrencyRate, getCurrencyRate, getCurrencyRateByPair, listCurrencyRates, updateCurrencyRate,
} from '../../use-cases/currencies/currency-rates.js';
import { getCrmSettings, updateCrmSettings } from '../../use-cases/currencies/crm-settings.js';
import { convertAmount, currencySummaryTable, setDefaultCurrency } from '../../use-cases/currencies/default-currency.js';
import type { Deps } from '../../use-cases/deps.js';
import { listCurrencies } from '../../use-cases/settings/list-currencies.js';
import type { App } from '../app-type.js';
import { sendOk } from '../envelope.js';
import { presentCurrency } from '../presenters/common.js';
import { presentCrmSettings, presentCurrencyRate, presentCurrencyRateInfo, presentDecimal } from '../presenters/currencies.presenter.js';
import {
  AddCurrencyRatesBody, AmountEnvelope, ConvertQuery, CrmSettingsBody, CrmSettingsEnvelope, CurrencyInfoEnvelope, CurrencyInfoListEnvelope,
  CurrencyPairParams, CurrencyRateBody, CurrencyRateEnvelope, CurrencyRateIdParams, CurrencyRateInfoListEnvelope, CurrencyRateListEnvelope,
  SetCurrencyRatesBody, SetDefaultCurrencyBody, SummaryTableQuery,
} from '../schemas/currencies.schemas.js';

const TAGS = ['currencies'];
const RATES = '/api/2.0/crm/currency/rates';
const RATE = `${RATES}/:id(^\\d+$)`;

/** Wire body → use-case input (names and types only; rules live in the domain). A missing rate is 0 (spec §1.3). */
const toRateInput = (b: CurrencyRateBody): CurrencyRateInput => ({
  fromCurrency: b.fromCurrency ?? '', toCurrency: b.toCurrency ?? '', rate: b.rate === undefined ? ZERO : new Decimal(b.rate),
});

const ADMIN_RATES =
  'CRM administrators only (DECISIONS Q22: a security fix; the original lets any CRM user write single rates). Codes must be catalogue codes in exact upper case, else 400 "Unknown currency: {codes}"; a rate below 0 or above 99999999.99 is 400 "Invalid currency rate: {rate}". Rates keep 6 decimals (DECISIONS Q26); a positive rate that would round to 0 is a 400 too.';

const CONVERT =
  'Uses the portal\'s manual rates of crm/currency/rates (the original downloads live rates; spec open question 9). The factor from F to T is, in this order: 1 when F = T; the rate of the pair F→T; 1 / the rate of the pair T→F; or, when F and T both differ from the default currency D, the factor F→D times the factor D→T, each of those again direct or inverse. The result is amount × factor rounded to 4 decimals half away from zero. As the original, when `fromcurrency` or `tocurrency` is missing or empty, or both are the same, the amount comes back unchanged, so a call without parameters answers 0. Codes in any case; an unknown code is 400 "Unknown currency: {code}"; no rate connecting the two currencies is 400 naming the pair; an amount beyond the .NET decimal range is 400.';

export function currenciesRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/2.0/crm/settings/currency',
    { schema: { tags: TAGS, summary: 'The currency catalogue (74 currencies, by abbreviation)', response: { 200: CurrencyInfoListEnvelope } } },
    async (_req, reply) => sendOk(reply, listCurrencies().map(presentCurrency)),
  );

  app.put(
    '/api/2.0/crm/settings/currency',
    {
      schema: {
        tags: TAGS,
        summary: 'Set the default currency (CRM administrators); answers its CurrencyInfo',
        description: 'Spec §6.5: `currency` in any case; empty or not in the catalogue is 400. Invoice items report in the default currency (spec Q40).',
        body: SetDefaultCurrencyBody,
        response: { 200: CurrencyInfoEnvelope },
      },
    },
    async (req, reply) => sendOk(reply, presentCurrency(await setDefaultCurrency(deps, req.actor, req.body.currency))),
  );

  app.get(
    '/api/2.0/crm/settings/currency/convert',
    {
      schema: { tags: TAGS, summary: 'Convert an amount between two currencies with the portal\'s rates', description: CONVERT, querystring: ConvertQuery, response: { 200: AmountEnvelope } },
    },
    async (req, reply) => {
      const q = req.query;
      const amount = await convertAmount(deps, req.actor, {
        amount: q.amount === undefined ? undefined : new Decimal(q.amount), fromCurrency: q.fromcurrency, toCurrency: q.tocurrency,
      });
      return sendOk(reply, presentDecimal(amount));
    },
  );

  app.get(
    '/api/2.0/crm/settings/currency/summarytable',
    {
      schema: {
        tags: TAGS,
        summary: 'What one unit of a currency is worth in every other currency the portal\'s rates reach',
        description:
          'Spec §6.5, computed from the portal\'s manual rates (not live rates): in catalogue order, every currency that GET settings/currency/convert can reach from `currency` (same rules), with `rate` = how many of it one unit of `currency` is worth, rounded to 6 decimals; `currency` itself with rate 1. `currency` in any case; empty or unknown is 400.',
        querystring: SummaryTableQuery,
        response: { 200: CurrencyRateInfoListEnvelope },
      },
    },
    async (req, reply) => sendOk(reply, (await currencySummaryTable(deps, req.actor, req.query.currency)).map(presentCurrencyRateInfo)),
  );

  app.get(
    '/api/2.0/crm/settings',
    {
      schema: {
        tags: ['settings'],
        summary: 'The CRM portal settings (any CRM user)',
        description: 'A Ledgerline shape: `{configured, defaultCurrency}`; `configured` tells whether an administrator has marked the CRM as set up, `defaultCurrency` is the CurrencyInfo of the default currency.',
        response: { 200: CrmSettingsEnvelope },
      },
    },
    async (req, reply) => sendOk(reply, presentCrmSettings(await getCrmSettings(deps, req.actor))),
  );

  app.put(
    '/api/2.0/crm/settings',
    {
      schema: {
        tags: ['settings'],
        summary: 'Mark the CRM as set up or not (CRM administrators); answers the CRM settings',
        description:
          'As the original\'s `PUT settings`, `configured` omitted means true (its `webFormKey` is accepted and ignored: Ledgerline has no web forms). Answers `{configured, defaultCurrency}` as GET crm/settings (the original answers the bare boolean).',
        body: CrmSettingsBody,
        response: { 200: CrmSettingsEnvelope },
      },
    },
    async (req, reply) => sendOk(reply, presentCrmSettings(await updateCrmSettings(deps, req.actor, { configured: req.body.configured }))),
  );

  app.get(
    RATES,
    { schema: { tags: TAGS, summary: 'The portal\'s currency rates, by id (any CRM user)', response: { 200: CurrencyRateListEnvelope } } },
    async (req, reply) => sendOk(reply, (await listCurrencyRates(deps, req.actor)).map(presentCurrencyRate)),
  );

  app.get(
    RATE,
    {
      schema: {
        tags: TAGS,
        summary: 'One currency rate',
        description: 'id 0 is 400; an id that is not a rate of this portal is 404 (spec Q21, fixed: the original answers 500).',
        params: CurrencyRateIdParams,
        response: { 200: CurrencyRateEnvelope },
      },
    },
    async (req, reply) => sendOk(reply, presentCurrencyRate(await getCurrencyRate(deps, req.actor, req.params.id))),
  );

  app.get(
    `${RATES}/:fromCurrency/:toCurrency`,
    {
      schema: {
        tags: TAGS,
        summary: 'The rate of a currency pair',
        description: 'Codes in any case; no rate for the pair is 404 (spec Q21, fixed: the original answers 500).',
        params: CurrencyPairParams,
        response: { 200: CurrencyRateEnvelope },
      },
    },
    async (req, reply) => sendOk(reply, presentCurrencyRate(await getCurrencyRateByPair(deps, req.actor, req.params.fromCurrency, req.params.toCurrency))),
  );

  app.post(
    RATES,
    {
      schema: {
        tags: TAGS,
        summary: 'Create a currency rate, or change the rate of an existing pair (CRM administrators)',
        description: `${ADMIN_RATES} An existing pair keeps its row and id and takes the new rate; rate 0 on an existing pair deletes it and answers the pair with rate 0 and the id it had; rate 0 on a new pair stores nothing and answers id 0 (the original would store a useless 0 rate).`,
        body: CurrencyRateBody,
        response: { 201: CurrencyRateEnvelope },
      },
    },
    async (req, reply) => sendOk(reply, presentCurrencyRate(await createCurrencyRate(deps, req.actor, toRateInput(req.body)))),
  );

  app.put(
    RATE,
    {
      schema: {
        tags: TAGS,
        summary: 'Rewrite the pair and rate of a currency rate (CRM administrators)',
        description: `${ADMIN_RATES} id 0, or an id that is not a rate of this portal, is 400 (spec §6.6). Rate 0 deletes the row and answers the pair given with rate 0. Deliberate fix: a pair another row already has is 400 (one row per pair), where the original stores a duplicate.`,
        params: CurrencyRateIdParams,
        body: CurrencyRateBody,
        response: { 200: CurrencyRateEnvelope },
      },
    },
    async (req, reply) => sendOk(reply, presentCurrencyRate(await updateCurrencyRate(deps, req.actor, req.params.id, toRateInput(req.body)))),
  );

  app.delete(
    RATE,
    {
      schema: {
        tags: TAGS,
        summary: 'Delete a currency rate (CRM administrators); answers the deleted rate',
        description: 'DECISIONS Q22: administrators only. id 0, or an id that is not a rate of this portal, is 400 (spec §6.6).',
        params: CurrencyRateIdParams,
        response: { 200: CurrencyRateEnvelope },
      },
    },
    async (req, reply) => sendOk(reply, presentCurrencyRate(await deleteCurrencyRate(deps, req.actor, req.params.id))),
  );

  app.post(
    '/api/2.0/crm/currency/setrates',
    {
      schema: {
        tags: TAGS,
        summary: 'Replace all currency rates, and set the default currency (CRM administrators)',
        description: `Spec §6.6, in one transaction, validated before the first write: \`currency\` (any case; empty or unknown is 400) becomes the default currency when it differs; then the portal's rates become exactly \`rates\`: pairs not listed are deleted, listed pairs keep their id with the new rate, new pairs get new ids; entries with rate 0 are not stored; omitted \`rates\` deletes every rate. ${ADMIN_RATES} Answers the new set of rates, by id.`,
        body: SetCurrencyRatesBody,
        response: { 201: CurrencyRateListEnvelope },
      },
    },
    async (req, reply) =>
      sendOk(reply, (await setCurrencyRates(deps, req.actor, req.body.currency, (req.body.rates ?? []).map(toRateInput))).map(presentCurrencyRate)),
  );

  app.post(
    '/api/2.0/crm/currency/addrates',
    {
      schema: {
        tags: TAGS,
        summary: 'Add or change several currency rates (CRM administrators); answers all rates',
        description: `Spec §6.6, in one transaction, validated before the first write: each pair's row takes the new rate (rate 0 deletes it), or the pair is inserted (not with rate 0). ${ADMIN_RATES} Answers every rate of the portal afterwards, by id.`,
        body: AddCurrencyRatesBody,
        response: { 201: CurrencyRateListEnvelope },
      },
    },
    async (req, reply) => sendOk(reply, (await addCurrencyRates(deps, req.actor, (req.body.rates ?? []).map(toRateInput))).map(presentCurrencyRate)),
  );
}
