// The documents `GET crm/invoice/{id}/einvoice?format=` produces, and their identifiers.
import { invalid } from '../errors.js';
import { EINVOICE_FORMATS, type EinvoiceFormat, type EinvoiceProfile } from './einvoice-model.js';

/** BT-24 of EN 16931 itself (also the Factur-X EN 16931 profile). */
export const EN16931_ID = 'urn:cen.eu:en16931:2017';
/** BT-24 of the German CIUS XRechnung 3.0. */
export const XRECHNUNG_ID = 'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0';
/** BT-23 that XRechnung 3.0 documents carry (the Peppol billing process, as KoSIT's examples do). */
export const PEPPOL_BILLING_PROCESS = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

const PROFILES: Record<EinvoiceFormat, EinvoiceProfile> = {
  ubl: { format: 'ubl', syntax: 'ubl', customizationId: EN16931_ID, profileId: undefined, xrechnung: false },
  cii: { format: 'cii', syntax: 'cii', customizationId: EN16931_ID, profileId: undefined, xrechnung: false },
  'xrechnung-ubl': { format: 'xrechnung-ubl', syntax: 'ubl', customizationId: XRECHNUNG_ID, profileId: PEPPOL_BILLING_PROCESS, xrechnung: true },
  'xrechnung-cii': { format: 'xrechnung-cii', syntax: 'cii', customizationId: XRECHNUNG_ID, profileId: PEPPOL_BILLING_PROCESS, xrechnung: true },
  facturx: { format: 'facturx', syntax: 'cii', customizationId: EN16931_ID, profileId: undefined, xrechnung: false },
};

export const profileOf = (format: EinvoiceFormat): EinvoiceProfile => PROFILES[format];

/** The `format` parameter, any letter case; 400 naming the formats otherwise. */
export function parseEinvoiceFormat(text: string | undefined): EinvoiceFormat {
  const f = (text ?? '').trim().toLowerCase();
  const hit = EINVOICE_FORMATS.find((x) => x === f);
  if (!hit) throw invalid(`format: ${f === '' ? 'is required' : `${JSON.stringify(f.slice(0, 40))} is not a format`}; one of ${EINVOICE_FORMATS.join(', ')}`);
  return hit;
}
