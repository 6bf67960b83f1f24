// Turns ordered form pairs (query string, urlencoded or multipart body) into a tree, in the
// Rack/jQuery bracket style of DECISIONS "Wire format". Keys are lower-cased at every level:
// names match case-insensitively (fixing quirk Q36), and the binder looks them up in lower case.

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

export const MAX_NESTING = 8;

export class FormShapeError extends Error {}

export const isFormObject = (v: unknown): v is FormObject => typeof v === 'object' && v !== null && !Array.isArray(v);
export const newObject = (): FormObject => Object.create(null) as FormObject;

/** `invoiceLines[0][price]` → ['invoicelines', '0', 'price']; `ids[]` → ['ids', '']. */
export function splitKey(key: string): string[] {
  const open = key.indexOf('[');
  if (open <= 0) return [key.toLowerCase()];
  const segs = [key.slice(0, open).toLowerCase()];
  const re = /\[([^\]]*)\]/gy;
  re.lastIndex = open;
  let m: RegExpExecArray | null;
  let end = open;
  while ((m = re.exec(key))) {
    segs.push(m[1]!.toLowerCase());
    end = re.lastIndex;
  }
  if (end !== key.length) return [key.toLowerCase()]; // not bracket syntax after all: a plain name
  if (segs.length > MAX_NESTING + 1) throw new FormShapeError(`Parameter "${key.slice(0, 60)}" is nested too deeply`);
  return segs;
}

function hasPath(obj: FormObject, segs: string[]): boolean {
  let cur: FormValue = obj;
  for (const s of segs) {
    if (s === '') break;
    if (!isFormObject(cur) || !(s in cur)) return false;
    cur = cur[s]!;
  }
  return true;
}

function ensureArray(obj: FormObject, k: string): FormValue[] {
  const cur = obj[k];
  if (Array.isArray(cur)) return cur;
  const arr: FormValue[] = cur === undefined ? [] : [cur];
  obj[k] = arr;
  return arr;
}

function ensureObject(obj: FormObject, k: string): FormObject {
  const cur = obj[k];
  if (isFormObject(cur)) return cur;
  const o = newObject();
  obj[k] = o;
  return o;
}

function assign(obj: FormObject, segs: string[], value: string): void {
  const [k, ...rest] = segs as [string, ...string[]];
  if (rest.length === 0) {
    // A repeated plain key is a list (`ids=1&ids=2`); a scalar target takes the first.
    const cur = obj[k];
    if (cur === undefined) obj[k] = value;
    else if (Array.isArray(cur)) cur.push(value);
    else obj[k] = [cur, value];
    return;
  }
  if (rest[0] === '') {
    const arr = ensureArray(obj, k);
    const child = rest.slice(1);
    if (child.length === 0) {
      arr.push(value);
      return;
    }
    // `lines[][item]=1&lines[][qty]=2&lines[][item]=3`: a new element starts when a key repeats.
    const last = arr[arr.length - 1];
    if (isFormObject(last) && !hasPath(last, child)) assign(last, child, value);
    else {
      const o = newObject();
      assign(o, child, value);
      arr.push(o);
    }
    return;
  }
  assign(ensureObject(obj, k), rest, value);
}

export function pairsToTree(pairs: Iterable<[string, string]>, into: FormObject = newObject()): FormObject {
  for (const [key, value] of pairs) {
    if (key === '') continue;
    assign(into, splitKey(key), value);
  }
  return into;
}

/** A JSON document as a tree with lower-cased keys; the first spelling of a name wins. */
export function jsonToTree(value: unknown, depth = 0): FormValue | null | undefined {
  if (depth > MAX_NESTING + 2) throw new FormShapeError('The JSON body is nested too deeply');
  if (value === null || value === undefined) return value as null | undefined;
  if (Array.isArray(value)) return value.map((v) => jsonToTree(v, depth + 1) ?? '') as FormValue[];
  if (typeof value === 'object') {
    const o = newObject();
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const lk = k.toLowerCase();
      if (lk in o) continue;
      const t = jsonToTree(v, depth + 1);
      // spec §1.3: null binds like a missing value (the type default)
      if (t !== undefined && t !== null) o[lk] = t;
    }
    return o;
  }
  return String(value); // numbers keep their shortest exact text; booleans become "true"/"false"
}

/** A file part of a multipart body (the binder ignores files; routes that take uploads read them). */
export interface UploadedFile {
  field: string;
  filename: string;
  mimeType: string;
  data: Buffer;
}

/** Marks a body that arrived as form pairs (urlencoded or multipart), as opposed to JSON. */
export class FormBody {
  constructor(
    readonly pairs: [string, string][],
    readonly files: UploadedFile[] = [],
  ) {}
}
