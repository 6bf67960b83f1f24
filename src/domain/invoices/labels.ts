// The label catalogue of printed invoices (spec §3.2 "Localisation"): the snapshot's labels plus the
// few a rendered document adds, per language. English, Russian and German are complete; any other
// language falls back to English (the original has more translations; ours are written here, not
// copied from its resource files). Chosen by the invoice's `language`: `ru-RU` → ru, `de-AT` → de.
import { ENGLISH_LABELS, type SnapshotLabels } from './snapshot.js';

/** Every label a rendered invoice prints. Placeholders `{0}`, `{1}`, … are filled by the renderer. */
export interface DocumentLabels extends SnapshotLabels {
  /** Page footer: `{0}` page number, `{1}` page count. */
  page: string;
  /** Heading of the position column (the Rus layout numbers its lines). */
  lineNumber: string;
  /** Title line of the Rus layout: `{0}` the `invoice` label, `{1}` the number, `{2}` the issue date. */
  title: string;
  /** Summary under the Rus layout's table: `{0}` line count, `{1}` total, `{2}` currency code. */
  itemsSummary: string;
  /** Signature lines of the Rus layout. */
  director: string;
  accountant: string;
}

export type LabelLanguage = 'en' | 'ru' | 'de';

const en: DocumentLabels = {
  ...ENGLISH_LABELS,
  page: 'Page {0} of {1}',
  lineNumber: 'No.',
  title: '{0} No. {1} of {2}',
  itemsSummary: 'Total items: {0}, amount {1} {2}',
  director: 'Director',
  accountant: 'Accountant',
};

const ru: DocumentLabels = {
  seller: 'Продавец',
  invoice: 'Счёт',
  invoiceDate: 'Дата счёта',
  poNumber: 'Номер заказа',
  dueDate: 'Срок оплаты',
  billTo: 'Плательщик',
  tableHeader: ['Наименование', 'Количество', 'Цена', 'Скидка', 'Налог', 'Налог', 'Сумма'],
  subtotal: 'Промежуточный итог',
  invoiceTotal: 'Итого по счёту ({0})',
  terms: 'Условия',
  clientNotes: 'Примечания для клиента',
  shipTo: 'Грузополучатель',
  page: 'Страница {0} из {1}',
  lineNumber: '№',
  title: '{0} № {1} от {2}',
  itemsSummary: 'Всего наименований {0}, на сумму {1} {2}',
  director: 'Руководитель',
  accountant: 'Бухгалтер',
};

const de: DocumentLabels = {
  seller: 'Verkäufer',
  invoice: 'Rechnung',
  invoiceDate: 'Rechnungsdatum',
  poNumber: 'Bestellnummer',
  dueDate: 'Fälligkeitsdatum',
  billTo: 'Rechnungsempfänger',
  tableHeader: ['Artikel', 'Menge', 'Preis', 'Rabatt', 'Steuer', 'Steuer', 'Betrag'],
  subtotal: 'Zwischensumme',
  invoiceTotal: 'Rechnungsbetrag ({0})',
  terms: 'Zahlungsbedingungen',
  clientNotes: 'Hinweise für den Kunden',
  shipTo: 'Lieferanschrift',
  page: 'Seite {0} von {1}',
  lineNumber: 'Nr.',
  title: '{0} Nr. {1} vom {2}',
  itemsSummary: 'Positionen gesamt: {0}, Betrag {1} {2}',
  director: 'Geschäftsführung',
  accountant: 'Buchhaltung',
};

/** The complete catalogues, by language. */
export const LABEL_CATALOGUE: Readonly<Record<LabelLanguage, DocumentLabels>> = { en, ru, de };

/** The catalogue language for an invoice `language` (a BCP 47 tag or ''): its primary subtag when we have it, else English. */
export function labelLanguageOf(language: string): LabelLanguage {
  const primary = language.trim().split(/[-_]/)[0]!.toLowerCase();
  return Object.hasOwn(LABEL_CATALOGUE, primary) ? (primary as LabelLanguage) : 'en';
}

/** The labels an invoice in `language` prints with (English for '' and for languages without a catalogue). */
export const labelsFor = (language: string): DocumentLabels => LABEL_CATALOGUE[labelLanguageOf(language)];

/** Fills `{0}`, `{1}`, … of a label. */
export const fillLabel = (label: string, ...values: readonly string[]): string =>
  label.replace(/\{(\d+)\}/g, (m, i: string) => values[Number(i)] ?? m);
