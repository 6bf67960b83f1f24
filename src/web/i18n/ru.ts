// The Russian catalogue: every area's messages merged.
import * as admin from './areas/admin.js';
import * as editor from './areas/editor.js';
import * as invoices from './areas/invoices.js';
import * as shell from './areas/shell.js';
import type { Catalogue } from './en.js';

export const ru: Catalogue = { ...shell.ru, ...invoices.ru, ...editor.ru, ...admin.ru };
