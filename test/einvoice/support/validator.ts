// The EN 16931 validation harness: the official CEN/TC 434 Schematron (compiled to XSLT) run by
// Saxon-HE, one JVM per directory of documents (the XSLTs take seconds to compile), and the
// OASIS UBL 2.1 / UN/CEFACT CII D16B XML Schemas run by xmllint. The artefacts live in
// ../shared/einvoice beside the repository (see its README); the tools are Debian's
// default-jre-headless, libsaxonhe-java and libxml2-utils (.ci/run installs them).
// SVRL is read with regular expressions: it is Saxon's own output, and no DTD is ever loaded.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

export type Syntax = 'ubl' | 'cii';

const REPO_ROOT = resolve(__dirname, '../../..');

/** ../shared/einvoice relative to the repository root (CI clones the repository beside shared/). */
export const ARTEFACTS = process.env.LEDGERLINE_EINVOICE_ARTEFACTS ?? resolve(REPO_ROOT, '../shared/einvoice');
export const SAXON_JAR = process.env.SAXON_JAR ?? '/usr/share/java/Saxon-HE.jar';

export const XSLT: Record<Syntax, string> = {
  ubl: join(ARTEFACTS, 'ubl/xslt/EN16931-UBL-validation.xslt'),
  cii: join(ARTEFACTS, 'cii/xslt/EN16931-CII-validation.xslt'),
};
export const EXAMPLES: Record<Syntax, string> = { ubl: join(ARTEFACTS, 'ubl/examples'), cii: join(ARTEFACTS, 'cii/examples') };
const XSD = {
  Invoice: join(ARTEFACTS, 'ubl/schema/maindoc/UBL-Invoice-2.1.xsd'),
  CreditNote: join(ARTEFACTS, 'ubl/schema/maindoc/UBL-CreditNote-2.1.xsd'),
  CrossIndustryInvoice: join(ARTEFACTS, 'cii/schema/uncefact/data/standard/CrossIndustryInvoice_100pD16B.xsd'),
} as const;
/** The root rule of each XSLT: if it did not fire, the document was not recognised at all. */
const ROOT_CONTEXT: Record<Syntax, string> = { ubl: '/ubl:Invoice | /cn:CreditNote', cii: '/rsm:CrossIndustryInvoice' };

const works = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return !r.error && r.status === 0;
};

/** Why the harness cannot run here, or undefined when it can. */
export function missingTools(): string | undefined {
  const missing: string[] = [];
  if (!works('java', ['-version'])) missing.push('java (apt-get install default-jre-headless)');
  if (!existsSync(SAXON_JAR)) missing.push(`${SAXON_JAR} (apt-get install libsaxonhe-java, or set SAXON_JAR)`);
  if (!works('xmllint', ['--version'])) missing.push('xmllint (apt-get install libxml2-utils)');
  if (!existsSync(XSLT.ubl) || !existsSync(XSLT.cii)) missing.push(`the EN 16931 artefacts in ${ARTEFACTS} (or set LEDGERLINE_EINVOICE_ARTEFACTS)`);
  return missing.length ? `EN 16931 validation needs ${missing.join(', ')}` : undefined;
}

export interface FailedAssert {
  id: string;
  flag: string;
  location: string;
  text: string;
}

export interface SchematronReport {
  file: string;
  /** fatal and error flags: the conformance criterion, must be empty. */
  errors: FailedAssert[];
  warnings: FailedAssert[];
  rootRuleFired: boolean;
  firedRules: number;
}

const unescape = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

const attributes = (tag: string): Record<string, string> =>
  Object.fromEntries([...tag.matchAll(/([\w:-]+)="([^"]*)"/g)].map((m) => [m[1]!, unescape(m[2]!)]));

export function parseSvrl(file: string, svrl: string, syntax: Syntax): SchematronReport {
  const errors: FailedAssert[] = [];
  const warnings: FailedAssert[] = [];
  for (const m of svrl.matchAll(/<svrl:failed-assert\b([^>]*)>([\s\S]*?)<\/svrl:failed-assert>/g)) {
    const a = attributes(m[1]!);
    const text = unescape((/<svrl:text>([\s\S]*?)<\/svrl:text>/.exec(m[2]!)?.[1] ?? '').replace(/\s+/g, ' ').trim());
    const entry = { id: a.id ?? '?', flag: a.flag ?? '?', location: a.location ?? '?', text };
    (entry.flag === 'fatal' || entry.flag === 'error' ? errors : warnings).push(entry);
  }
  const fired = [...svrl.matchAll(/<svrl:fired-rule\b([^>]*)\/?>/g)].map((m) => attributes(m[1]!).context ?? '');
  return { file, errors, warnings, rootRuleFired: fired.includes(ROOT_CONTEXT[syntax]), firedRules: fired.length };
}

/**
 * Runs the Schematron XSLT over every file of `dir` in one JVM; answers one report per file.
 * Saxon exits 0 even when rules fail: the verdict is in the SVRL.
 */
export function runSchematron(syntax: Syntax, dir: string, outDir: string): Map<string, SchematronReport> {
  mkdirSync(outDir, { recursive: true });
  const r = spawnSync('java', ['-cp', SAXON_JAR, 'net.sf.saxon.Transform', `-s:${dir}`, `-xsl:${XSLT[syntax]}`, `-o:${outDir}`], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error || r.status !== 0) throw new Error(`Saxon failed (${r.status}): ${r.error?.message ?? ''}${r.stderr}`);
  const reports = new Map<string, SchematronReport>();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.xml')).sort()) {
    const out = join(outDir, name);
    if (!existsSync(out)) throw new Error(`Saxon wrote no report for ${name}`);
    reports.set(name, parseSvrl(name, readFileSync(out, 'utf8'), syntax));
  }
  return reports;
}

export interface SchemaReport {
  file: string;
  valid: boolean;
  errors: string[];
}

/** The root element's local name, which picks the XSD (UBL Invoice or CreditNote, CII). */
function rootName(xml: string): keyof typeof XSD {
  const m = /<(?:[\w-]+:)?(Invoice|CreditNote|CrossIndustryInvoice)[\s>]/.exec(xml.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, ''));
  if (!m) throw new Error('not a UBL or CII document');
  return m[1] as keyof typeof XSD;
}

/** xmllint --schema over the files, one call per schema; `--nonet`: nothing is ever fetched. */
export function runSchema(files: readonly string[]): Map<string, SchemaReport> {
  const bySchema = new Map<string, string[]>();
  for (const f of files) {
    const xsd = XSD[rootName(readFileSync(f, 'utf8'))];
    bySchema.set(xsd, [...(bySchema.get(xsd) ?? []), f]);
  }
  const reports = new Map<string, SchemaReport>();
  for (const [xsd, group] of bySchema) {
    const r = spawnSync('xmllint', ['--nonet', '--noout', '--schema', xsd, ...group], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.error) throw r.error;
    const lines = r.stderr.split('\n');
    for (const f of group) {
      const errors = lines.filter((l) => l.startsWith(`${f}:`));
      const valid = lines.includes(`${f} validates`);
      reports.set(basename(f), { file: basename(f), valid: valid && errors.length === 0, errors });
    }
  }
  return reports;
}

/** One line per failure, for assertion messages. */
export const describeFailures = (reports: Iterable<SchematronReport>): string =>
  [...reports]
    .flatMap((r) => [
      ...(r.rootRuleFired ? [] : [`${r.file}: root rule did not fire (not recognised as ${r.file})`]),
      ...r.errors.map((e) => `${r.file}: [${e.id}] (${e.flag}) at ${e.location}: ${e.text}`),
    ])
    .join('\n');
