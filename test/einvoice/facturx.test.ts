// Factur-X (EN 16931 profile) structure: no official PDF/A or Factur-X validator is available
// offline (../shared/einvoice/README.md), so the parts the standards require are checked here
// one by one: PDF/A-3b identification in XMP, the output intent, embedded fonts, the attachment
// factur-x.xml (MIME type, AFRelationship, catalogue /AF), the fx XMP properties and their PDF/A
// extension schema; and the attachment is byte for byte the CII document of the same invoice.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { buildCorpus, fetchEinvoice, type Corpus } from './support/corpus.js';

const poppler = ['pdfinfo', 'pdffonts', 'pdfdetach', 'pdftotext'].every((c) => !spawnSync(c, ['-v']).error);
if (!poppler) {
  if (process.env.CI === 'true') throw new Error('Factur-X checks need poppler-utils (pdfinfo, pdffonts, pdfdetach, pdftotext); CI=true may not skip them');
  console.warn('[einvoice] skipping the Factur-X tool checks: poppler-utils is not installed');
}

const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.error?.message ?? r.stderr}`);
  return r.stdout;
};

/** The PDF's text with every Flate stream inflated, for checks on objects pdfkit compresses. */
function expandedText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const parts: string[] = [raw];
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      parts.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // not a Flate stream (the XMP metadata is stored uncompressed)
    }
  }
  return parts.join('\n');
}

describe('Factur-X: PDF/A-3 with factur-x.xml', () => {
  let t: TestApp;
  let corpus: Corpus;
  let dir: string;
  const pdfs = new Map<string, Buffer>();

  beforeAll(async () => {
    t = await createTestApp();
    corpus = await buildCorpus(t, 'fx');
    dir = mkdtempSync(join(tmpdir(), 'ledgerline-facturx-'));
    for (const name of ['two-rates', 'cyrillic', 'zero-plus-eco', 'consignee-uk', 'many-lines-rounding']) {
      const r = await fetchEinvoice(t, corpus.invoices.get(name)!, 'facturx');
      expect(r.status, r.body.toString('utf8').slice(0, 400)).toBe(200);
      pdfs.set(name, r.body);
    }
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers application/pdf as an attachment named after the invoice', async () => {
    const r = await fetchEinvoice(t, corpus.invoices.get('two-rates')!, 'facturx');
    expect(r.type).toBe('application/pdf');
    expect(r.disposition).toMatch(/^attachment; filename="EI-fx-\d{3}\.pdf"/);
    expect(r.body.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
  });

  it('is the same file for the same invoice state (dates come from the invoice)', async () => {
    const again = await fetchEinvoice(t, corpus.invoices.get('two-rates')!, 'facturx');
    // The file id in the trailer depends on the document information only, so the bytes repeat.
    expect(again.body.equals(pdfs.get('two-rates')!)).toBe(true);
  });

  it('declares PDF/A-3b and Factur-X EN 16931 in its XMP metadata, with the fx extension schema', () => {
    for (const [name, pdf] of pdfs) {
      const text = expandedText(pdf);
      const xmp = /<x:xmpmeta[\s\S]*<\/x:xmpmeta>/.exec(text)?.[0] ?? '';
      expect(xmp, name).toContain('<pdfaid:part>3</pdfaid:part>');
      expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
      expect(xmp).toContain('xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#"');
      expect(xmp).toContain('<fx:DocumentType>INVOICE</fx:DocumentType>');
      expect(xmp).toContain('<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>');
      expect(xmp).toContain('<fx:Version>1.0</fx:Version>');
      expect(xmp).toContain('<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>');
      expect(xmp).toContain('<pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>');
      for (const p of ['DocumentFileName', 'DocumentType', 'Version', 'ConformanceLevel']) expect(xmp).toContain(`<pdfaProperty:name>${p}</pdfaProperty:name>`);
      // XMP is well formed enough to be read without a DTD: every element opened is closed.
      expect(xmp.match(/<rdf:Description/g)?.length).toBe(xmp.match(/<\/rdf:Description>/g)?.length);
    }
  });

  it('has an sRGB output intent (GTS_PDFA1) with an embedded ICC profile', () => {
    for (const pdf of pdfs.values()) {
      const text = expandedText(pdf);
      expect(text).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
      expect(text).toMatch(/\/Type \/OutputIntent\s+\/S \/GTS_PDFA1/);
      expect(text).toMatch(/\/DestOutputProfile \d+ 0 R/);
      expect(text).toContain('/OutputConditionIdentifier (sRGB IEC61966-2.1)');
    }
  });

  it('embeds factur-x.xml as text/xml with AFRelationship /Alternative, listed in the catalogue /AF and /EmbeddedFiles', () => {
    for (const pdf of pdfs.values()) {
      const text = expandedText(pdf);
      expect(text).toMatch(/\/Type \/Filespec\s+\/AFRelationship \/Alternative\s+\/F \(factur-x\.xml\)/);
      expect(text).toMatch(/\/UF \(factur-x\.xml\)/);
      expect(text).toMatch(/\/Type \/EmbeddedFile\s+\/Params <<[^>]*\/ModDate/);
      expect(text).toContain('/Subtype /text#2Fxml');
      expect(text).toMatch(/\/AF \[\d+ 0 R\]/);
      expect(text).toMatch(/\/EmbeddedFiles <</);
    }
  });

  it('draws the organisation logo, as the invoice PDF does', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
    const boundary = 'ledgerline-facturx-logo';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="logo.png"\r\nContent-Type: image/png\r\n\r\n`),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await t.app.inject({ method: 'PUT', url: '/api/2.0/crm/settings/organisation/logo', payload, headers: { authorization: t.adminToken, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(up.statusCode, up.body).toBe(200);
    const r = await fetchEinvoice(t, corpus.invoices.get('french')!, 'facturx');
    expect(r.status).toBe(200);
    expect(expandedText(r.body)).toMatch(/\/Subtype \/Image/);
    expect(expandedText(pdfs.get('two-rates')!)).not.toMatch(/\/Subtype \/Image/);
  });

  it('has no JavaScript, no encryption and no external references', () => {
    for (const pdf of pdfs.values()) {
      const text = expandedText(pdf);
      expect(text).not.toMatch(/\/JavaScript|\/JS |\/Encrypt|\/Launch|\/URI /);
    }
  });

  describe.skipIf(!poppler)('with poppler-utils', () => {
    const write = (name: string) => {
      const file = join(dir, `${name}.pdf`);
      writeFileSync(file, pdfs.get(name)!);
      return file;
    };

    it('embeds every font it uses (pdffonts: emb = yes)', () => {
      for (const name of pdfs.keys()) {
        const rows = run('pdffonts', [write(name)]).split('\n').slice(2).filter((l) => l.trim() !== '');
        expect(rows.length, name).toBeGreaterThan(0);
        for (const row of rows) expect(row.split(/\s+/).slice(-5, -4)[0], `${name}: ${row}`).toBe('yes');
      }
    });

    it('lists exactly one attachment, factur-x.xml, and it is the CII e-invoice of the invoice, byte for byte', async () => {
      for (const name of pdfs.keys()) {
        const file = write(name);
        expect(run('pdfdetach', ['-list', file])).toMatch(/^1 embedded files\n1: factur-x\.xml\n$/);
        const out = join(dir, `${name}.factur-x.xml`);
        run('pdfdetach', ['-save', '1', '-o', out, file]);
        const cii = await fetchEinvoice(t, corpus.invoices.get(name)!, 'cii');
        expect(readFileSync(out).equals(cii.body), name).toBe(true);
        expect(readFileSync(out, 'utf8')).toContain('<ram:ID>urn:cen.eu:en16931:2017</ram:ID>');
      }
    });

    it('reads as PDF 1.7 with document information that matches XMP', () => {
      const info = run('pdfinfo', [write('two-rates')]);
      expect(info).toMatch(/PDF version:\s+1\.7/);
      expect(info).toMatch(/Title:\s+Invoice EI-fx-\d{3}/);
      expect(info).toMatch(/Metadata Stream:\s+yes/);
      expect(info).toMatch(/Encrypted:\s+no/);
    });

    it('shows the invoice: number, lines, VAT breakdown and the e-invoice total, in the invoice language', async () => {
      const text = run('pdftotext', ['-layout', write('two-rates'), '-']);
      const ubl = (await fetchEinvoice(t, corpus.invoices.get('two-rates')!, 'ubl')).body.toString('utf8');
      const total = /<cbc:PayableAmount currencyID="EUR">([\d.]+)</.exec(ubl)![1]!;
      expect(text).toMatch(/EI-fx-\d{3}/);
      expect(text).toContain('Consulting');
      expect(text).toContain('Книга');
      expect(text).toContain(Number(total).toLocaleString('en-US', { minimumFractionDigits: 2 }));
      expect(text).toContain('Bundesamt für Beispiele');
      const ru = run('pdftotext', ['-layout', write('cyrillic'), '-']);
      expect(ru).toContain('Ромашка ООО');
      expect(ru).toContain('Итого по счёту (RUB)');
      expect(ru).toContain('Твёрдый переплёт');
    });
  });
});
